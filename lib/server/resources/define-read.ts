import "server-only";
import type { DataTag, QueryClient, QueryKey } from "@tanstack/react-query";
import type { ConsoleContext } from "@/lib/server/context";
import type { Need } from "@/lib/server/tenancy/scope";
import { respond } from "./respond";

/**
 * One server read of a resource, written once and used twice: by the page's prefetch
 * (under the browser query's own key, so hydration needs no request) and by the GET
 * route the browser's query refreshes from. The browser's half is lib/resources/<name>.
 */
export interface ServerRead<P extends unknown[], T> {
  /** The read itself, for a page that renders its result on the server. */
  read: (ctx: ConsoleContext, ...params: P) => Promise<T>;
  /** Fills the request's query cache; a failure is left to the browser's query to show. */
  prefetch: (queryClient: QueryClient, ctx: ConsoleContext, ...params: P) => Promise<void>;
  /** Like prefetch, but throws, for a page that must know (e.g. to answer 404). */
  fetch: (queryClient: QueryClient, ctx: ConsoleContext, ...params: P) => Promise<T>;
  /** The GET route handler's response. */
  respond: (...params: P) => Promise<Response>;
}

interface ReadConfig<P extends unknown[], T> {
  /** What the read needs of the caller's scope (the page checks it too, with requireContext). */
  need: Need;
  /** The browser's query options; their key (tagged with T) is where the prefetch stores. */
  query: (connectionId: string, ...params: P) => { queryKey: DataTag<QueryKey, T, Error> };
}

export function defineRead<P extends unknown[], T>(
  config: ReadConfig<P, T>,
  read: (ctx: ConsoleContext, ...params: P) => Promise<T>,
): ServerRead<P, T> {
  const options = (ctx: ConsoleContext, params: P) => ({
    queryKey: config.query(ctx.connection.id, ...params).queryKey,
    queryFn: () => read(ctx, ...params),
  });
  return {
    read,
    prefetch: (queryClient, ctx, ...params) => queryClient.prefetchQuery(options(ctx, params)),
    fetch: (queryClient, ctx, ...params) => queryClient.fetchQuery(options(ctx, params)),
    respond: (...params) => respond(config.need, (ctx) => read(ctx, ...params)),
  };
}
