import { type EngineError, type EngineErrorCode, isEngineError } from "../engine/errors";

/**
 * The admin API's one error type. Every code carries its HTTP status through one
 * exhaustive table, so no error can leave without one. Rendered as Garage's JSON
 * body `{code, message, region, path}`.
 */

const adminErrorStatus = {
  InvalidRequest: 400,
  InvalidBucketName: 400,
  BucketNotEmpty: 400,
  InvalidLayoutVersion: 400,
  InvalidLayout: 400,
  AccessDenied: 403,
  NoSuchBucket: 404,
  NoSuchAccessKey: 404,
  NoSuchAdminToken: 404,
  NoSuchKey: 404,
  NoSuchUpload: 404,
  NoSuchBlock: 404,
  NoSuchWorker: 404,
  NoSuchNode: 404,
  NoSuchBucketAllowance: 404,
  NotFound: 404,
  MethodNotAllowed: 405,
  KeyAlreadyExists: 409,
  BucketAlreadyExists: 409,
  AllowanceChanged: 409,
  PayloadTooLarge: 413,
  InternalError: 500,
  InsufficientStorage: 507,
  ServiceUnavailable: 503,
} as const satisfies Record<string, number>;

export type AdminErrorCode = keyof typeof adminErrorStatus;

export class AdminError extends Error {
  override name = "AdminError";
  readonly status: number;
  constructor(
    readonly code: AdminErrorCode,
    message: string,
  ) {
    super(message);
    this.status = adminErrorStatus[code];
  }
}

/** Every engine code, mapped once. `satisfies` makes a new engine code a compile error here. */
const fromEngineCode = {
  NoSuchBucket: "NoSuchBucket",
  NoSuchKey: "NoSuchKey",
  NoSuchVersion: "NoSuchKey",
  DeleteMarker: "NoSuchKey",
  NoSuchUpload: "NoSuchUpload",
  NoSuchAccessKey: "NoSuchAccessKey",
  NoSuchAdminToken: "NoSuchAdminToken",
  BucketAlreadyExists: "BucketAlreadyExists",
  BucketAlreadyOwnedByYou: "BucketAlreadyExists",
  BucketNotEmpty: "BucketNotEmpty",
  InvalidBucketName: "InvalidBucketName",
  InvalidKeyName: "InvalidRequest",
  KeyAlreadyExists: "KeyAlreadyExists",
  PreconditionFailed: "InvalidRequest",
  ConditionalRequestConflict: "InvalidRequest",
  InvalidPart: "InvalidRequest",
  InvalidPartOrder: "InvalidRequest",
  EntityTooSmall: "InvalidRequest",
  EntityTooLarge: "InvalidRequest",
  IncompleteBody: "InvalidRequest",
  QuotaExceeded: "InvalidRequest",
  BadDigest: "InvalidRequest",
  ContentSha256Mismatch: "InvalidRequest",
  AccessDenied: "AccessDenied",
  InvalidRequest: "InvalidRequest",
  InvalidArgument: "InvalidRequest",
  InvalidTag: "InvalidRequest",
  InvalidLayout: "InvalidLayout",
  LayoutVersionMismatch: "InvalidLayoutVersion",
  CorruptBlock: "InternalError",
  MissingBlock: "InternalError",
  StorageError: "InternalError",
  InsufficientStorage: "InsufficientStorage",
  QuorumUnavailable: "ServiceUnavailable",
  MalformedPolicy: "InvalidRequest",
  AclNotSupported: "InvalidRequest",
  AclConflictsWithOwnership: "InvalidRequest",
} as const satisfies Record<EngineErrorCode, AdminErrorCode>;

export function adminErrorFromEngine(error: EngineError): AdminError {
  return new AdminError(fromEngineCode[error.code], error.message);
}

export function badRequest(message: string): AdminError {
  return new AdminError("InvalidRequest", message);
}

export interface AdminErrorBody {
  code: string;
  message: string;
  region: string;
  path: string;
}

export function adminErrorBody(error: AdminError, region: string, path: string): AdminErrorBody {
  return { code: error.code, message: error.message, region, path };
}

/** Any thrown value as an AdminError; unexpected errors become a 500 without their text. */
export function toAdminError(error: unknown): AdminError {
  if (error instanceof AdminError) return error;
  if (isEngineError(error)) return adminErrorFromEngine(error);
  console.error("admin: internal error:", error instanceof Error ? error.message : error);
  return new AdminError("InternalError", "Internal error");
}
