import "server-only";
import { AdminApiError } from "@/lib/admin-api/errors";

/**
 * Tenancy's refusals. Outside a tenant's scope, a bucket or key answers exactly as one
 * that does not exist: the same AdminApiError a missing one gets, so every surface
 * (pages, actions, /api/v1) renders both identically.
 */
export function noSuchBucket(): AdminApiError {
  return new AdminApiError(404, "NoSuchBucket", "No such bucket.");
}

export function noSuchAccessKey(): AdminApiError {
  return new AdminApiError(404, "NoSuchAccessKey", "No such access key.");
}

/** A tenant limit (buckets, bytes, keys) would be passed. */
export class LimitExceededError extends Error {
  override name = "LimitExceededError";
}

/** The S3 name asked for is taken; says so without saying by whom. */
export class BucketNameTakenError extends Error {
  override name = "BucketNameTakenError";
  constructor(readonly bucketName: string) {
    super(`The bucket name “${bucketName}” is already taken on this cluster. Choose another name.`);
  }
}

/** An operator named a tenant that does not exist. */
export class UnknownTenantError extends Error {
  override name = "UnknownTenantError";
  constructor(readonly tenantId: string) {
    super(`no tenant ${tenantId}`);
  }
}

/** For the console's pages and routes: a tenant that is not there. */
export function notFoundTenant(): AdminApiError {
  return new AdminApiError(404, "NoSuchTenant", "No such tenant.");
}
