import "server-only";
import { ZodError } from "zod";
import { BucketNotEmptyError } from "@/lib/server/admin-api/buckets";
import { AdminApiError, humanMessage } from "@/lib/admin-api/errors";
import { ForbiddenError } from "@/lib/auth/forbidden";
import { DuplicateUserNameError, LastAdminError } from "@/lib/server/auth/store";
import { UnknownConnectionError } from "@/lib/server/connections";
import { InputError } from "@/lib/server/action-errors";
import { formatCount } from "@/lib/format/bytes";
import { BucketNameTakenError, LimitExceededError, UnknownTenantError } from "@/lib/server/tenancy/errors";
import { DuplicateTenantNameError, TenantNotEmptyError } from "@/lib/server/tenancy/store";
import { ManifestNameTakenError, NoSuchSecretError } from "@/lib/server/hikube/buckets";
import { ApiError, notFound } from "./errors";

/** Every error a route may meet, as the API's one error type. Unknown errors never leak their text. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof ZodError) return fromZod(error);
  if (error instanceof ForbiddenError) return new ApiError("Forbidden", `This needs the ${error.requiredRole} role.`);
  if (error instanceof BucketNotEmptyError)
    return new ApiError(
      "BucketNotEmpty",
      `This bucket is not empty: ${formatCount(error.objects)} ${error.objects === 1 ? "object" : "objects"}.`,
    );
  if (error instanceof LimitExceededError) return new ApiError("LimitExceeded", error.message);
  if (error instanceof BucketNameTakenError) return new ApiError("BucketAlreadyExists", error.message);
  if (error instanceof TenantNotEmptyError)
    return new ApiError("TenantNotEmpty", `The tenant still owns ${error.buckets} buckets: delete them first.`);
  if (error instanceof DuplicateTenantNameError)
    return new ApiError("TenantAlreadyExists", `A tenant named “${error.tenantName}” already exists.`);
  if (error instanceof DuplicateUserNameError)
    return new ApiError("UserAlreadyExists", `A user named “${error.userName}” already exists.`);
  if (error instanceof LastAdminError)
    return new ApiError("LastAdmin", "The console needs at least one enabled admin.");
  if (error instanceof InputError) return new ApiError("InvalidInput", error.message);
  if (error instanceof UnknownTenantError) return notFound("NoSuchTenant");
  if (error instanceof ManifestNameTakenError) return new ApiError("BucketAlreadyExists", error.message);
  if (error instanceof NoSuchSecretError) return notFound("NoSuchSecret");
  if (error instanceof AdminApiError) return fromCluster(error);
  if (error instanceof UnknownConnectionError)
    return new ApiError("ClusterError", "The tenant's cluster connection no longer exists.");
  console.error("api/v1: unexpected error", error);
  return new ApiError("InternalError", "Something went wrong; the console's log has the details.");
}

function fromZod(error: ZodError): ApiError {
  const issue = error.issues[0];
  const field = issue.path.length ? `${issue.path.join(".")}: ` : "";
  return new ApiError("InvalidInput", `${field}${issue.message}`);
}

function fromCluster(error: AdminApiError): ApiError {
  if (error.code === "NoSuchBucket") return notFound("NoSuchBucket");
  if (error.code === "NoSuchAccessKey") return notFound("NoSuchAccessKey");
  if (error.code === "BucketAlreadyExists") return new ApiError("BucketAlreadyExists", humanMessage(error));
  if (error.status === 400) return new ApiError("InvalidInput", `${humanMessage(error)} ${error.message}`.trim());
  return new ApiError("ClusterError", humanMessage(error));
}
