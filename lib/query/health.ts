import { healthKeys } from "@/lib/admin-api/keys";
import type { HealthSummary } from "@/lib/admin-api/health-summary";

/** How often the Overview re-reads health in the browser. */
export const healthRefreshIntervalMs = 10_000;

/** The browser's read of health: the session-checked route handler, never the admin API. */
export function healthQueryOptions(connectionId: string) {
  return {
    queryKey: healthKeys.summary(connectionId),
    queryFn: async (): Promise<HealthSummary> => {
      const response = await fetch(`/api/health?connection=${encodeURIComponent(connectionId)}`, { cache: "no-store" });
      if (!response.ok) throw new Error(`health request failed with HTTP ${response.status}`);
      return (await response.json()) as HealthSummary;
    },
    refetchInterval: healthRefreshIntervalMs,
  };
}
