import "server-only";
import { authorizeRequest } from "@/lib/auth/guard";
import type { Role } from "@/lib/auth/roles";
import { describeActionError, type DescribedError } from "@/lib/server/action-errors";
import { contextFor, type ConsoleContext } from "@/lib/server/context";

/**
 * The shape of every console GET route: session and role checked here (401/403 as
 * JSON, never a redirect), the context, one read, JSON out. A failure is the house's
 * sentence as `{ error: { code, message } }`, which lib/resources/read-json reads back.
 */
export type DescribeError = (error: unknown) => DescribedError | null;

const notFoundCodes = new Set(["NoSuchBucket", "NoSuchAccessKey", "NoSuchConnection", "NoSuchKey", "NotFound"]);

function statusOf(code: string): number {
  if (code === "InvalidInput") return 400;
  if (code === "Forbidden") return 403;
  if (notFoundCodes.has(code)) return 404;
  if (code === "InternalError") return 500;
  // The cluster (or its S3 endpoint) refused or failed: the console is a gateway to it.
  return 502;
}

/** The one route-error helper: an error as the console's JSON error response. */
export function routeError(error: unknown, describeError?: DescribeError): Response {
  const described = describeError?.(error) ?? describeActionError(error);
  const code = described.code ?? "InternalError";
  return Response.json({ error: { code, message: described.error } }, { status: statusOf(code) });
}

export async function respond<T>(
  role: Role,
  read: (ctx: ConsoleContext) => Promise<T>,
  describeError?: DescribeError,
): Promise<Response> {
  const authorized = await authorizeRequest(role);
  if (!authorized.ok) return authorized.response;
  try {
    const data = await read(await contextFor(authorized.session.user));
    return Response.json(data, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return routeError(error, describeError);
  }
}
