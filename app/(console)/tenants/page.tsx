import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { requireContext } from "@/lib/server/context";
import { getServerQueryClient } from "@/lib/server/resources/query-client";
import { tenantList } from "@/lib/server/resources/tenants";
import { TenantsView } from "./tenants-view";

export const metadata: Metadata = { title: "Tenants" };

export default async function TenantsPage() {
  const ctx = await requireContext("cluster:read");
  const queryClient = getServerQueryClient();
  await tenantList.prefetch(queryClient, ctx);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Tenants</h1>
        <p className="text-sm text-muted">
          Each tenant has its own buckets and keys within its limits; its users see nothing else.
        </p>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <TenantsView canWrite={ctx.scope.canWrite} />
      </HydrationBoundary>
    </div>
  );
}
