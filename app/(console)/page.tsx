import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { requireContext } from "@/lib/server/context";
import { health, overview } from "@/lib/server/resources/cluster";
import { getServerQueryClient } from "@/lib/server/resources/query-client";
import { HealthLive } from "./health-live";
import { TenantHome } from "./tenant-home";
import { OverviewLive } from "./overview-live";
import { MaintenanceLive } from "./maintenance-live";
import { maintenance } from "@/lib/server/resources/maintenance";
import { purgeBlocksAction, retryBlocksAction } from "@/lib/actions/maintenance";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  // Cluster-wide health is an operator view; a tenant gets its own home.
  const ctx = await requireContext("tenant:read");
  if (ctx.scope.kind === "tenant") return <TenantHome ctx={ctx} />;
  const queryClient = getServerQueryClient();
  await Promise.all([
    health.prefetch(queryClient, ctx, ctx.connection.id),
    overview.prefetch(queryClient, ctx),
    maintenance.prefetch(queryClient, ctx),
  ]);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Overview</h1>
        <p className="text-sm text-muted">{ctx.connection.name}</p>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <HealthLive connectionId={ctx.connection.id} />
        <OverviewLive connectionId={ctx.connection.id} connectionName={ctx.connection.name} />
        <MaintenanceLive
          connectionId={ctx.connection.id}
          actions={{ retry: retryBlocksAction, purge: purgeBlocksAction }}
        />
      </HydrationBoundary>
    </div>
  );
}
