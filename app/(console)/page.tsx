import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { readHealthSummary } from "@/lib/admin-api/health";
import { healthKeys } from "@/lib/admin-api/keys";
import { requireRole } from "@/lib/auth/guard";
import { localConnection } from "@/lib/connections";
import { getServerQueryClient } from "@/lib/query/server";
import { HealthLive } from "./health-live";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  // Cluster-wide health is an operator view; tenants (a later issue) get their own home.
  await requireRole("admin");
  const connection = localConnection();
  const queryClient = getServerQueryClient();
  await queryClient.prefetchQuery({ queryKey: healthKeys.summary(connection.id), queryFn: () => readHealthSummary(connection) });
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Overview</h1>
        <p className="text-sm text-muted">{connection.name}</p>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <HealthLive connectionId={connection.id} />
      </HydrationBoundary>
    </div>
  );
}
