import "server-only";
import createClient from "openapi-fetch";
import type { Connection } from "@/lib/server/connections";
import { AdminApiError, timeoutCode, unreachableCode } from "@/lib/admin-api/errors";
import type { paths } from "@/contracts/garage-admin-v2.gen";

/** Every admin call is bounded: a hung cluster must not hang a page render. */
export const adminRequestTimeoutMs = 5_000;

export type AdminClient = ReturnType<typeof createAdminClient>;

export function createAdminClient(connection: Connection) {
  return createClient<paths>({
    baseUrl: connection.adminUrl,
    headers: { Authorization: `Bearer ${connection.adminToken}` },
    cache: "no-store",
  });
}

export function requestSignal(): AbortSignal {
  return AbortSignal.timeout(adminRequestTimeoutMs);
}

type Outcome<T> = { data?: T; error?: unknown; response: Response };

/**
 * Runs one openapi-fetch call and returns its data, or throws AdminApiError for HTTP
 * errors, timeouts and unreachable clusters alike, so callers handle one error type.
 */
export async function unwrap<T>(call: Promise<Outcome<T>>): Promise<T> {
  let outcome: Outcome<T>;
  try {
    outcome = await call;
  } catch (error) {
    if (error instanceof DOMException && error.name === "TimeoutError") {
      throw new AdminApiError(0, timeoutCode, `no answer within ${adminRequestTimeoutMs} ms`);
    }
    throw new AdminApiError(0, unreachableCode, error instanceof Error ? error.message : "fetch failed");
  }
  if (!outcome.response.ok || outcome.error !== undefined)
    throw AdminApiError.fromResponse(outcome.response.status, outcome.error);
  return outcome.data as T;
}
