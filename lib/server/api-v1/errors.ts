import "server-only";
/**
 * The console API's one error type: every code has its status in one table, checked by
 * `satisfies`, and the body is always `{"error": {"code", "message"}}`.
 */
export const apiErrorStatuses = {
  InvalidInput: 400,
  UnsupportedMediaType: 415,
  Unauthenticated: 401,
  Forbidden: 403,
  NotFound: 404,
  NoSuchBucket: 404,
  NoSuchAccessKey: 404,
  NoSuchTenant: 404,
  NoSuchUser: 404,
  NoSuchSecret: 404,
  MethodNotAllowed: 405,
  BucketNotEmpty: 409,
  BucketAlreadyExists: 409,
  LimitExceeded: 409,
  TenantNotEmpty: 409,
  TenantAlreadyExists: 409,
  UserAlreadyExists: 409,
  LastAdmin: 409,
  TooManyRequests: 429,
  InternalError: 500,
  ClusterError: 502,
} as const satisfies Record<string, number>;

export type ApiErrorCode = keyof typeof apiErrorStatuses;

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }

  get status(): number {
    return apiErrorStatuses[this.code];
  }

  toBody(): { error: { code: ApiErrorCode; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}

/** Fixed sentences for "not there": the same bytes whether it is missing or another tenant's. */
export const notFoundMessages = {
  NoSuchBucket: "No such bucket.",
  NoSuchAccessKey: "No such access key.",
  NoSuchTenant: "No such tenant.",
  NoSuchUser: "No such user.",
  NoSuchSecret: "No such secret.",
  NotFound: "No such route.",
} as const;

export function notFound(code: keyof typeof notFoundMessages): ApiError {
  return new ApiError(code, notFoundMessages[code]);
}
