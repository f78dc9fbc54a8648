import "server-only";
import type { z } from "zod";
import { AdminApiError, humanMessage } from "@/lib/admin-api/errors";
import { BucketNotEmptyError } from "@/lib/server/admin-api/buckets";
import { ForbiddenError } from "@/lib/auth/forbidden";
import { DuplicateUserNameError, LastAdminError } from "@/lib/server/auth/store";
import { UnknownConnectionError } from "@/lib/server/connections";
import { DuplicateConnectionNameError } from "@/lib/server/connections/store";
import { formatCount } from "@/lib/format/bytes";
import { BucketNameTakenError, LimitExceededError, UnknownTenantError } from "@/lib/server/tenancy/errors";
import { DuplicateTenantNameError, TenantNotEmptyError } from "@/lib/server/tenancy/store";

/** Bad input, refusals and cluster errors as one sentence a person can read (never a stack). */
export interface DescribedError {
  error: string;
  code?: string;
}

/** Input the schema accepted but the action cannot: its message is shown as is. */
export class InputError extends Error {
  override name = "InputError";
}

/** Parses with zod; the first issue becomes an InputError naming its field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.length ? `${issue.path.join(".")}: ` : "";
  throw new InputError(`${field}${issue.message}`);
}

/** Codes whose cluster message says more than the table's generic sentence. */
const detailedCodes = new Set(["InvalidRequest", "BadRequest"]);

export function describeActionError(error: unknown): DescribedError {
  if (error instanceof BucketNotEmptyError)
    return {
      // A versioned bucket with no current object still keeps older versions and delete markers.
      error:
        error.objects === 0
          ? "This bucket is not empty: it keeps older versions of objects or delete markers."
          : `This bucket is not empty: ${formatCount(error.objects)} ${error.objects === 1 ? "object" : "objects"}.`,
      code: "BucketNotEmpty",
    };
  if (error instanceof AdminApiError) {
    const message = humanMessage(error);
    return {
      error: detailedCodes.has(error.code) && error.message !== error.code ? `${message} ${error.message}` : message,
      code: error.code,
    };
  }
  if (error instanceof InputError) return { error: error.message, code: "InvalidInput" };
  if (error instanceof DuplicateConnectionNameError)
    return { error: `A connection named ${error.connectionName} already exists.`, code: "InvalidInput" };
  const tenancy = describeTenancyError(error);
  if (tenancy) return tenancy;
  if (error instanceof ForbiddenError)
    return { error: `This needs the ${error.requiredRole} role.`, code: "Forbidden" };
  if (error instanceof UnknownConnectionError)
    return { error: "The chosen cluster connection no longer exists.", code: "NoSuchConnection" };
  console.error("console action failed", error);
  return { error: "Something went wrong; the console's log has the details.", code: "InternalError" };
}

/** Tenancy's refusals: limits, names taken, tenants and users that cannot go. */
function describeTenancyError(error: unknown): DescribedError | null {
  if (error instanceof LimitExceededError) return { error: error.message, code: "LimitExceeded" };
  if (error instanceof BucketNameTakenError) return { error: error.message, code: "BucketAlreadyExists" };
  if (error instanceof DuplicateTenantNameError)
    return { error: `A tenant named “${error.tenantName}” already exists.`, code: "InvalidInput" };
  if (error instanceof DuplicateUserNameError)
    return { error: `A user named “${error.userName}” already exists.`, code: "InvalidInput" };
  if (error instanceof TenantNotEmptyError)
    return {
      error: `This tenant still owns ${formatCount(error.buckets)} ${error.buckets === 1 ? "bucket" : "buckets"}: empty and delete them first.`,
      code: "TenantNotEmpty",
    };
  if (error instanceof LastAdminError)
    return { error: "The console needs at least one enabled admin.", code: "LastAdmin" };
  if (error instanceof UnknownTenantError) return { error: "That tenant does not exist.", code: "NoSuchTenant" };
  return null;
}
