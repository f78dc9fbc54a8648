import { adminTokenKeys, clusterKeys, layoutKeys } from "@/lib/admin-api/keys";
import type { ClusterPageData, LayoutPageData, OverviewPageData, TokensPageData } from "@/lib/admin-api/page-data";

/**
 * The browser's reads of the cluster pages: session-checked GET routes, never the admin
 * API. Keys come from the factories, so they match the server's prefetch.
 */
async function readJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { cache: "no-store" });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message =
      typeof body === "object" &&
      body !== null &&
      "error" in body &&
      typeof body.error === "object" &&
      body.error !== null &&
      "message" in body.error
        ? String(body.error.message)
        : `HTTP ${response.status}`;
    throw new Error(message);
  }
  return body as T;
}

/** How often pages showing live cluster state re-read it. */
export const clusterRefreshIntervalMs = 15_000;

export const clusterPictureQuery = (connectionId: string) => ({
  queryKey: clusterKeys.picture(connectionId),
  queryFn: () => readJson<ClusterPageData>("/api/cluster"),
  refetchInterval: clusterRefreshIntervalMs,
});
export const overviewQuery = (connectionId: string) => ({
  queryKey: clusterKeys.overview(connectionId),
  queryFn: () => readJson<OverviewPageData>("/api/overview"),
  refetchInterval: clusterRefreshIntervalMs,
});
export const layoutEditorQuery = (connectionId: string) => ({
  queryKey: layoutKeys.editor(connectionId),
  queryFn: () => readJson<LayoutPageData>("/api/cluster/layout"),
});
export const adminTokensQuery = (connectionId: string) => ({
  queryKey: adminTokenKeys.list(connectionId),
  queryFn: () => readJson<TokensPageData>("/api/tokens"),
});
