/**
 * The S3 API's one error type. Every code carries its HTTP status and a default
 * message here, so no error can leave without them (AWS's S3 error code list).
 */
export const s3ErrorTable = {
  AccessControlListNotSupported: [400, "The bucket does not allow ACLs."],
  AccessDenied: [403, "Access Denied"],
  AccessForbidden: [403, "CORSResponse: This CORS request is not allowed."],
  AccountProblem: [403, "There is a problem with your account."],
  AuthorizationHeaderMalformed: [400, "The authorization header is malformed."],
  AuthorizationQueryParametersError: [400, "Error parsing the X-Amz-Credential parameter."],
  BadRequest: [400, "Bad Request"],
  BadDigest: [400, "The Content-MD5 or checksum you specified did not match what we received."],
  BucketAlreadyExists: [409, "The requested bucket name is not available."],
  BucketAlreadyOwnedByYou: [409, "Your previous request to create the named bucket succeeded and you already own it."],
  BucketNotEmpty: [409, "The bucket you tried to delete is not empty."],
  ConditionalRequestConflict: [409, "A conflicting operation occurred. If using PutObject you can retry the request."],
  EntityTooLarge: [400, "Your proposed upload exceeds the maximum allowed size."],
  EntityTooSmall: [400, "Your proposed upload is smaller than the minimum allowed object size."],
  ExpiredToken: [400, "The provided token has expired."],
  IncompleteBody: [400, "You did not provide the number of bytes specified by the Content-Length HTTP header."],
  InsufficientStorage: [507, "There is not enough space left to store this data; free some space and retry."],
  InternalError: [500, "We encountered an internal error. Please try again."],
  InvalidAccessKeyId: [403, "The AWS access key ID you provided does not exist in our records."],
  InvalidArgument: [400, "Invalid Argument"],
  InvalidBucketAclWithObjectOwnership: [
    400,
    "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting.",
  ],
  InvalidBucketName: [400, "The specified bucket is not valid."],
  InvalidBucketState: [409, "The request is not valid with the current state of the bucket."],
  InvalidDigest: [400, "The Content-MD5 or checksum you specified is not valid."],
  InvalidEncryptionAlgorithmError: [400, "The encryption request that you specified is not valid."],
  InvalidLocationConstraint: [400, "The specified location constraint is not valid."],
  InvalidObjectState: [403, "The operation is not valid for the current state of the object."],
  InvalidPolicyDocument: [
    400,
    "The content of the form does not meet the conditions specified in the policy document.",
  ],
  InvalidPart: [400, "One or more of the specified parts could not be found."],
  InvalidPartOrder: [400, "The list of parts was not in ascending order."],
  InvalidRange: [416, "The requested range is not satisfiable"],
  InvalidRequest: [400, "Invalid Request"],
  InvalidTag: [400, "The tag provided was not a valid tag."],
  InvalidStorageClass: [400, "The storage class that you specified is not valid."],
  InvalidURI: [400, "Couldn't parse the specified URI."],
  KeyTooLongError: [400, "Your key is too long."],
  MalformedACLError: [
    400,
    "The XML you provided was not well-formed or did not validate against our published schema.",
  ],
  MalformedPolicy: [400, "Policies must be valid JSON and the first byte must be '{'"],
  MalformedPOSTRequest: [400, "The body of your POST request is not well-formed multipart/form-data."],
  MalformedXML: [
    400,
    "The XML that you provided was not well formed or did not validate against our published schema.",
  ],
  MaxPostPreDataLengthExceededError: [400, "Your POST request fields preceding the upload file were too large."],
  MaxMessageLengthExceeded: [400, "Your request was too large."],
  MetadataTooLarge: [400, "Your metadata headers exceed the maximum allowed metadata size."],
  MethodNotAllowed: [405, "The specified method is not allowed against this resource."],
  MissingContentLength: [411, "You must provide the Content-Length HTTP header."],
  MissingSecurityHeader: [400, "Your request is missing a required header."],
  NoSuchBucket: [404, "The specified bucket does not exist."],
  NoSuchBucketPolicy: [404, "The specified bucket does not have a bucket policy."],
  NoSuchCORSConfiguration: [404, "The CORS configuration does not exist."],
  NoSuchKey: [404, "The specified key does not exist."],
  NoSuchLifecycleConfiguration: [404, "The lifecycle configuration does not exist."],
  NoSuchPublicAccessBlockConfiguration: [404, "The public access block configuration was not found."],
  NoSuchUpload: [404, "The specified multipart upload does not exist."],
  NoSuchVersion: [404, "The specified version does not exist."],
  NoSuchWebsiteConfiguration: [404, "The specified bucket does not have a website configuration."],
  NoSuchTagSet: [404, "The TagSet does not exist."],
  NotImplemented: [501, "A header or operation you provided implies functionality that is not implemented."],
  NotModified: [304, "Not Modified"],
  OwnershipControlsNotFoundError: [404, "The bucket ownership controls were not found."],
  PreconditionFailed: [412, "At least one of the preconditions you specified did not hold."],
  QuotaExceeded: [403, "The bucket's quota would be exceeded by this operation."],
  RequestTimeTooSkewed: [403, "The difference between the request time and the server's time is too large."],
  RequestTimeout: [
    400,
    "Your socket connection to the server was not read from or written to within the timeout period.",
  ],
  ServiceUnavailable: [503, "Please reduce your request rate."],
  SignatureDoesNotMatch: [
    403,
    "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
  ],
  SlowDown: [503, "Please reduce your request rate."],
  TooManyBuckets: [400, "You have attempted to create more buckets than allowed."],
  UnresolvableGrantByEmailAddress: [400, "The email address you provided does not match any account on record."],
  UnexpectedContent: [400, "This request does not support content."],
  XAmzContentSHA256Mismatch: [400, "The provided 'x-amz-content-sha256' header does not match what was computed."],
} as const satisfies Record<string, readonly [number, string]>;

export type S3ErrorCode = keyof typeof s3ErrorTable;

export class S3Error extends Error {
  override name = "S3Error";
  readonly status: number;
  /** Extra elements for the XML body (e.g. Key, BucketName, ArgumentName) and headers. */
  readonly details: Record<string, string>;
  readonly headers: Record<string, string>;

  constructor(
    readonly code: S3ErrorCode,
    message?: string,
    options: { details?: Record<string, string>; headers?: Record<string, string> } = {},
  ) {
    const [status, defaultMessage] = s3ErrorTable[code];
    super(message ?? defaultMessage);
    this.status = status;
    this.details = options.details ?? {};
    this.headers = options.headers ?? {};
  }
}
