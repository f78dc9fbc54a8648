/**
 * The engine's one error type. Codes are the engine's own vocabulary; the S3 and
 * admin layers each map every code to their protocol through one exhaustive table.
 */
export const engineErrorCodes = [
  "NoSuchBucket",
  "NoSuchKey",
  "NoSuchVersion",
  "DeleteMarker",
  "NoSuchUpload",
  "NoSuchAccessKey",
  "NoSuchAdminToken",
  "BucketAlreadyExists",
  "BucketAlreadyOwnedByYou",
  "BucketNotEmpty",
  "InvalidBucketName",
  "InvalidKeyName",
  "KeyAlreadyExists",
  "PreconditionFailed",
  "ConditionalRequestConflict",
  "InvalidPart",
  "InvalidPartOrder",
  "EntityTooSmall",
  "EntityTooLarge",
  "IncompleteBody",
  "QuotaExceeded",
  "BadDigest",
  "ContentSha256Mismatch",
  "AccessDenied",
  "InvalidRequest",
  "InvalidArgument",
  "InvalidTag",
  "InvalidLayout",
  "LayoutVersionMismatch",
  "CorruptBlock",
  "MissingBlock",
  "StorageError",
  "InsufficientStorage",
  "QuorumUnavailable",
  "MalformedPolicy",
  "AclNotSupported",
  "AclConflictsWithOwnership",
] as const;

export type EngineErrorCode = (typeof engineErrorCodes)[number];

export class EngineError extends Error {
  override name = "EngineError";
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    /** Facts the protocol layers may show (e.g. the expected layout version, object count). */
    readonly facts: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

export function isEngineError(error: unknown, code?: EngineErrorCode): error is EngineError {
  return error instanceof EngineError && (code === undefined || error.code === code);
}
