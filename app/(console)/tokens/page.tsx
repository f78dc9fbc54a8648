import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { createAdminTokenAction, deleteAdminTokenAction } from "@/lib/actions/tokens";
import { adminTokenKeys } from "@/lib/admin-api/keys";
import { readTokensPage } from "@/lib/admin-api/page-reads";
import { requireRole } from "@/lib/auth/guard";
import { getActiveConnection } from "@/lib/connections";
import { getServerQueryClient } from "@/lib/query/server";
import { TokensLive } from "./tokens-live";

export const metadata: Metadata = { title: "Admin tokens" };

export default async function TokensPage() {
  await requireRole("admin");
  const connection = await getActiveConnection();
  const queryClient = getServerQueryClient();
  await queryClient.prefetchQuery({
    queryKey: adminTokenKeys.list(connection.id),
    queryFn: () => readTokensPage(connection),
  });
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Admin tokens</h1>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <TokensLive
          connectionId={connection.id}
          connectionName={connection.name}
          actions={{ create: createAdminTokenAction, remove: deleteAdminTokenAction }}
        />
      </HydrationBoundary>
    </div>
  );
}
