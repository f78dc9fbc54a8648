import { queryOptions } from "@tanstack/react-query";
import type { ConnectionListing } from "@/lib/connections/types";
import { readJson } from "./read-json";

/**
 * The clusters this console manages, as the browser reads them (never a token). Not per
 * connection: the list is the console's own. The server half is lib/server/resources/connections.
 */
export const connectionKeys = {
  all: ["connections"] as const,
  list: () => [...connectionKeys.all, "list"] as const,
};

export const connectionListQuery = () =>
  queryOptions({
    queryKey: connectionKeys.list(),
    queryFn: () => readJson<ConnectionListing>("/api/connections"),
  });
