import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { AdminApiError, humanMessage } from "@/lib/admin-api/errors";
import { ForbiddenError } from "@/lib/auth/guard";
import { getActiveConnection, UnknownConnectionError, type Connection } from "@/lib/connections";
import { formatCount } from "@/lib/format/bytes";
import { BucketNotEmptyError } from "@/lib/admin-api/buckets";

/** The shared tail of every action: bad input, refusals and cluster errors become one sentence. */

export class InputError extends Error {
  override name = "InputError";
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.length ? `${issue.path.join(".")}: ` : "";
  throw new InputError(`${field}${issue.message}`);
}

/** The cluster this request talks to. One place to switch to the header's chosen connection. */
export async function actionConnection(): Promise<Connection> {
  return getActiveConnection();
}

/** Codes whose cluster message says more than the table's generic sentence. */
const detailedCodes = new Set(["InvalidRequest", "BadRequest"]);

export function describeActionError(error: unknown): { error: string; code?: string } {
  if (error instanceof BucketNotEmptyError)
    return {
      error: `This bucket is not empty: ${formatCount(error.objects)} ${error.objects === 1 ? "object" : "objects"}.`,
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
  if (error instanceof ForbiddenError)
    return { error: `This needs the ${error.requiredRole} role.`, code: "Forbidden" };
  if (error instanceof UnknownConnectionError)
    return { error: "The chosen cluster connection no longer exists.", code: "NoSuchConnection" };
  console.error("console action failed", error);
  return { error: "Something went wrong; the console's log has the details.", code: "InternalError" };
}

/** Runs an action's body; redirects (no session) still propagate as Next expects. */
export async function runAction<T>(work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    unstable_rethrow(error);
    return { ok: false, ...describeActionError(error) };
  }
}
