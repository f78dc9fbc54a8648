import { queryOptions } from "@tanstack/react-query";
import type { AdminTokenView } from "@/lib/admin-api/admin-tokens";
import type { Gated } from "@/lib/admin-api/version";
import { readJson } from "./read-json";

/** The cluster's admin tokens as the browser reads them. The server half is lib/server/resources/admin-tokens. */
export type AdminTokensPageData = Gated<AdminTokenView[]>;

export const adminTokenKeys = {
  all: ["admin-tokens"] as const,
  list: (connectionId: string) => [...adminTokenKeys.all, connectionId, "list"] as const,
};

export const adminTokenListQuery = (connectionId: string) =>
  queryOptions({
    queryKey: adminTokenKeys.list(connectionId),
    queryFn: () => readJson<AdminTokensPageData>("/api/tokens"),
  });
