import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { readHealthSummary } from "@/lib/admin-api/health";
import { clusterKeys, healthKeys } from "@/lib/admin-api/keys";
import { readOverviewPage } from "@/lib/admin-api/page-reads";
import { requireRole } from "@/lib/auth/guard";
import { detectClusterVersion, getActiveConnection } from "@/lib/connections";
import { getServerQueryClient } from "@/lib/query/server";
import { HealthLive } from "./health-live";
import { OverviewLive } from "./overview-live";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  // Cluster-wide health is an operator view; tenants (a later issue) get their own home.
  await requireRole("admin");
  const connection = await getActiveConnection();
  const queryClient = getServerQueryClient();
  const apiVersion = await detectClusterVersion(connection).then(
    (version) => version.apiVersion,
    () => "v2" as const,
  );
  await Promise.all([
    queryClient.prefetchQuery({
      queryKey: healthKeys.summary(connection.id),
      queryFn: () => readHealthSummary(connection, apiVersion),
    }),
    queryClient.prefetchQuery({
      queryKey: clusterKeys.overview(connection.id),
      queryFn: () => readOverviewPage(connection),
    }),
  ]);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Overview</h1>
        <p className="text-sm text-muted">{connection.name}</p>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <HealthLive connectionId={connection.id} />
        <OverviewLive connectionId={connection.id} connectionName={connection.name} />
      </HydrationBoundary>
    </div>
  );
}
