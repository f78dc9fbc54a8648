import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { requireContext } from "@/lib/server/context";
import { getServerQueryClient } from "@/lib/server/resources/query-client";
import { tenantList, userList } from "@/lib/server/resources/tenants";
import { UsersView } from "./users-view";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const ctx = await requireContext("cluster:read");
  const queryClient = getServerQueryClient();
  await Promise.all([userList.prefetch(queryClient, ctx), tenantList.prefetch(queryClient, ctx)]);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Users</h1>
        <p className="text-sm text-muted">
          Admins do everything, viewers see everything and change nothing, tenant users work inside their tenant.
        </p>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <UsersView canWrite={ctx.scope.canWrite} />
      </HydrationBoundary>
    </div>
  );
}
