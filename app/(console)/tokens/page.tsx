import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { createAdminTokenAction, deleteAdminTokenAction } from "@/lib/actions/tokens";
import { getServerQueryClient } from "@/lib/server/resources/query-client";
import { TokensLive } from "./tokens-live";
import { requireContext } from "@/lib/server/context";
import { adminTokenList } from "@/lib/server/resources/admin-tokens";

export const metadata: Metadata = { title: "Admin tokens" };

export default async function TokensPage() {
  const ctx = await requireContext("cluster:read");
  const { connection } = ctx;
  const queryClient = getServerQueryClient();
  await adminTokenList.prefetch(queryClient, ctx);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Admin tokens</h1>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <TokensLive
          connectionId={connection.id}
          connectionName={connection.name}
          actions={ctx.scope.canWrite ? { create: createAdminTokenAction, remove: deleteAdminTokenAction } : null}
        />
      </HydrationBoundary>
    </div>
  );
}
