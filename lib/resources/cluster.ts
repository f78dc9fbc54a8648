import { queryOptions } from "@tanstack/react-query";
import type { ClusterPicture } from "@/lib/admin-api/cluster";
import type { HealthSummary } from "@/lib/admin-api/health";
import type { OverviewFigures } from "@/lib/admin-api/overview";
import type { Gated } from "@/lib/admin-api/version";
import { readJson } from "./read-json";

/**
 * The cluster's live state as the browser reads it: the picture (Cluster page), the
 * Overview's figures and health. The server half is lib/server/resources/cluster.
 */
export interface OverviewData {
  picture: ClusterPicture;
  figures: OverviewFigures;
}

export type ClusterPageData = Gated<ClusterPicture>;
export type OverviewPageData = Gated<OverviewData>;

/** How often pages showing live cluster state re-read it. */
export const clusterRefreshIntervalMs = 15_000;
/** How often the Overview re-reads health in the browser. */
export const healthRefreshIntervalMs = 10_000;

export const clusterKeys = {
  all: ["cluster"] as const,
  picture: (connectionId: string) => [...clusterKeys.all, connectionId, "picture"] as const,
  overview: (connectionId: string) => [...clusterKeys.all, connectionId, "overview"] as const,
};

export const healthKeys = {
  all: ["health"] as const,
  summary: (connectionId: string) => [...healthKeys.all, connectionId] as const,
};

export const clusterPictureQuery = (connectionId: string) =>
  queryOptions({
    queryKey: clusterKeys.picture(connectionId),
    queryFn: () => readJson<ClusterPageData>("/api/cluster"),
    refetchInterval: clusterRefreshIntervalMs,
  });

export const overviewQuery = (connectionId: string) =>
  queryOptions({
    queryKey: clusterKeys.overview(connectionId),
    queryFn: () => readJson<OverviewPageData>("/api/overview"),
    refetchInterval: clusterRefreshIntervalMs,
  });

/** Health names its connection, so a refresh never reads another cluster than the one shown. */
export const healthQuery = (connectionId: string) =>
  queryOptions({
    queryKey: healthKeys.summary(connectionId),
    queryFn: () => readJson<HealthSummary>(`/api/health?connection=${encodeURIComponent(connectionId)}`),
    refetchInterval: healthRefreshIntervalMs,
  });
