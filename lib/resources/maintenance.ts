import { queryOptions } from "@tanstack/react-query";
import type { MaintenanceData } from "@/lib/admin-api/maintenance";
import type { Gated } from "@/lib/admin-api/version";
import { readJson } from "./read-json";

/**
 * The background repairs as the browser reads them (workers with their progress, block
 * errors). The server half is lib/server/resources/maintenance.
 */
export type MaintenancePageData = Gated<MaintenanceData>;

/** Repairs move: their progress is re-read more often than the rest of the cluster's state. */
export const maintenanceRefreshIntervalMs = 3_000;

export const maintenanceKeys = {
  all: ["maintenance"] as const,
  state: (connectionId: string) => [...maintenanceKeys.all, connectionId] as const,
};

export const maintenanceQuery = (connectionId: string) =>
  queryOptions({
    queryKey: maintenanceKeys.state(connectionId),
    queryFn: () => readJson<MaintenancePageData>("/api/maintenance"),
    refetchInterval: maintenanceRefreshIntervalMs,
  });
