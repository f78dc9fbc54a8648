import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AdminApiError } from "@/lib/admin-api/errors";
import { requireContext } from "@/lib/server/context";
import { getServerQueryClient } from "@/lib/server/resources/query-client";
import { tenantPage } from "@/lib/server/resources/tenants";
import { TenantView } from "./tenant-view";

export const metadata: Metadata = { title: "Tenant" };

export default async function TenantPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const ctx = await requireContext("cluster:read");
  const { tenantId } = await params;
  const queryClient = getServerQueryClient();
  try {
    await tenantPage.fetch(queryClient, ctx, tenantId);
  } catch (error) {
    if (error instanceof AdminApiError && error.code === "NoSuchTenant") notFound();
    throw error;
  }
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <TenantView tenantId={tenantId} canWrite={ctx.scope.canWrite} />
    </HydrationBoundary>
  );
}
