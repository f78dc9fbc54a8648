import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import Link from "next/link";
import { getServerQueryClient } from "@/lib/server/resources/query-client";
import { ClusterLive } from "./cluster-live";
import { requireContext } from "@/lib/server/context";
import { clusterPicture } from "@/lib/server/resources/cluster";
import { launchRepairAction } from "@/lib/actions/maintenance";
import { Card } from "@/components/ui/card";
import { RepairsLive } from "./repairs-live";

export const metadata: Metadata = { title: "Cluster" };

export default async function ClusterPage() {
  const ctx = await requireContext("cluster:read");
  const { connection } = ctx;
  const queryClient = getServerQueryClient();
  await clusterPicture.prefetch(queryClient, ctx);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold">Cluster</h1>
        {ctx.scope.canWrite ? (
          <Link
            href="/cluster/layout"
            className="rounded-md border border-accent bg-accent px-3 py-1.5 text-sm font-medium text-accent-foreground focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
          >
            Edit the layout
          </Link>
        ) : null}
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <ClusterLive connectionId={connection.id} connectionName={connection.name} />
      </HydrationBoundary>
      <Card title="Repairs">
        <RepairsLive connectionId={connection.id} launch={launchRepairAction} />
      </Card>
    </div>
  );
}
