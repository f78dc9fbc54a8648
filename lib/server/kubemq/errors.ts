import "server-only";
import { S3ServiceException } from "@aws-sdk/client-s3";
import { BucketNameTakenError, LimitExceededError } from "@/lib/server/tenancy/errors";
import { AdminApiError, humanMessage } from "@/lib/admin-api/errors";

/**
 * The KubeMQ target's one error type: every refusal leaves as the target's envelope,
 * `{"metadata": {}, "data": null, "is_error": true, "error": "..."}`, with the status its
 * kind says (the table below).
 */
export const kubemqErrorStatuses = {
  BadRequest: 400,
  Unauthenticated: 401,
  Forbidden: 403,
  NotFound: 404,
  Internal: 500,
} as const satisfies Record<string, number>;

export type KubemqErrorKind = keyof typeof kubemqErrorStatuses;

export class KubemqError extends Error {
  override name = "KubemqError";
  constructor(
    readonly kind: KubemqErrorKind,
    message: string,
  ) {
    super(message);
  }

  get status(): number {
    return kubemqErrorStatuses[this.kind];
  }
}

/** S3's answer to the caller's key, by the status S3 gave it. */
function fromS3(error: S3ServiceException): KubemqError {
  const status = error.$metadata.httpStatusCode ?? 500;
  const message = `${error.name}: ${error.message}`;
  if (status === 404) return new KubemqError("NotFound", message);
  if (status === 403) return new KubemqError("Forbidden", message);
  if (status === 401) return new KubemqError("Unauthenticated", message);
  if (status >= 400 && status < 500) return new KubemqError("BadRequest", message);
  return new KubemqError("Internal", message);
}

export function toKubemqError(error: unknown): KubemqError {
  if (error instanceof KubemqError) return error;
  if (error instanceof S3ServiceException) return fromS3(error);
  if (error instanceof LimitExceededError) return new KubemqError("Forbidden", error.message);
  if (error instanceof BucketNameTakenError) return new KubemqError("BadRequest", error.message);
  if (error instanceof AdminApiError) {
    if (error.status === 404) return new KubemqError("NotFound", humanMessage(error));
    if (error.status === 400 || error.status === 409)
      return new KubemqError("BadRequest", `${humanMessage(error)} ${error.message}`.trim());
  }
  console.error("kubemq: unexpected error", error);
  return new KubemqError("Internal", "Something went wrong; the console's log has the details.");
}
