import { isServer, QueryClient } from "@tanstack/react-query";

/** Data fetched on the server stays fresh briefly so hydration doesn't refetch at once. */
export const defaultStaleTimeMs = 5_000;

function makeQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { staleTime: defaultStaleTimeMs } } });
}

let browserQueryClient: QueryClient | undefined;

/**
 * One client per browser session (kept across renders and suspense), a fresh one for
 * every server render. Server components use lib/server/resources/query-client's per-request one.
 */
export function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}
