import "server-only";
import { getConsoleSession } from "@/lib/server/auth/guard";
import { describeActionError, type DescribedError } from "@/lib/server/action-errors";
import { contextFor, type ConsoleContext } from "@/lib/server/context";
import type { Need } from "@/lib/server/tenancy/scope";

/**
 * The shape of every console GET route: session and scope checked here (401/403 as
 * JSON, never a redirect), the context, one read, JSON out. A failure is the house's
 * sentence as `{ error: { code, message } }`, which lib/resources/read-json reads back.
 */
export type DescribeError = (error: unknown) => DescribedError | null;

const notFoundCodes = new Set([
  "NoSuchBucket",
  "NoSuchAccessKey",
  "NoSuchConnection",
  "NoSuchKey",
  "NoSuchTenant",
  "NotFound",
]);

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
  need: Need,
  read: (ctx: ConsoleContext) => Promise<T>,
  describeError?: DescribeError,
): Promise<Response> {
  const session = await getConsoleSession();
  if (!session)
    return Response.json({ error: { code: "Unauthenticated", message: "Sign in first." } }, { status: 401 });
  try {
    const data = await read(await contextFor(session.user, need));
    return Response.json(data, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return routeError(error, describeError);
  }
}
