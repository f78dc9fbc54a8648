import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import Link from "next/link";
import { clusterKeys } from "@/lib/admin-api/keys";
import { readClusterPage } from "@/lib/admin-api/page-reads";
import { requireRole } from "@/lib/auth/guard";
import { getActiveConnection } from "@/lib/connections";
import { getServerQueryClient } from "@/lib/query/server";
import { ClusterLive } from "./cluster-live";

export const metadata: Metadata = { title: "Cluster" };

export default async function ClusterPage() {
  await requireRole("admin");
  const connection = await getActiveConnection();
  const queryClient = getServerQueryClient();
  await queryClient.prefetchQuery({
    queryKey: clusterKeys.picture(connection.id),
    queryFn: () => readClusterPage(connection),
  });
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold">Cluster</h1>
        <Link
          href="/cluster/layout"
          className="rounded-md border border-accent bg-accent px-3 py-1.5 text-sm font-medium text-accent-foreground focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
        >
          Edit the layout
        </Link>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <ClusterLive connectionId={connection.id} connectionName={connection.name} />
      </HydrationBoundary>
    </div>
  );
}
