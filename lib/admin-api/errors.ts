/**
 * Errors from Garage's admin API: `{ code, message }` with the HTTP status. Both sides,
 * so a view can turn a code into words; it never carries a token.
 */
export class AdminApiError extends Error {
  override name = "AdminApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  /** Builds the error from a response body that may or may not be Garage's JSON. */
  static fromResponse(status: number, body: unknown): AdminApiError {
    if (typeof body === "object" && body !== null && "code" in body && typeof body.code === "string") {
      const message = "message" in body && typeof body.message === "string" ? body.message : body.code;
      return new AdminApiError(status, body.code, message);
    }
    return new AdminApiError(
      status,
      statusCodes[status] ?? "HttpError",
      typeof body === "string" && body ? body : `HTTP ${status}`,
    );
  }
}

/** The code given to failures that never produced a response. */
export const unreachableCode = "Unreachable";
export const timeoutCode = "Timeout";

const statusCodes: Record<number, string> = {
  400: "InvalidRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  500: "InternalError",
  503: "ServiceUnavailable",
};

/** One table of human messages for the codes the console may meet. */
const humanMessages: Record<string, string> = {
  [unreachableCode]: "The cluster's admin API cannot be reached. Is the engine running?",
  [timeoutCode]: "The cluster's admin API did not answer in time.",
  Unauthorized: "The admin token was refused by the cluster.",
  Forbidden: "The admin token does not allow this operation.",
  AccessDenied: "The admin token does not allow this operation.",
  InvalidRequest: "The cluster rejected the request as invalid.",
  NotFound: "The cluster does not know this resource.",
  NoSuchBucket: "That bucket does not exist.",
  NoSuchAccessKey: "That access key does not exist.",
  NoSuchAdminToken: "That admin token does not exist.",
  BucketNotEmpty: "The bucket is not empty.",
  BucketAlreadyExists: "A bucket with that name already exists.",
  KeyAlreadyExists: "An access key with that id already exists.",
  InvalidBucketName: "That is not a valid bucket name: use 3 to 63 lowercase letters, digits, dots and hyphens.",
  NoSecretKey: "The cluster did not return this key's secret.",
  InternalError: "The cluster hit an internal error.",
  ServiceUnavailable: "The cluster cannot answer requests right now.",
  UnsupportedApi:
    "That address answers, but not as a Garage admin API (no /v2, /v1 or /v0 status). Check the admin API URL and port (usually 3903).",
  UnsupportedVersion: "This Garage version does not offer this through its admin API.",
};

export function humanMessage(error: { code: string; message: string }): string {
  return humanMessages[error.code] ?? error.message;
}
