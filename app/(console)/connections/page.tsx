import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { addConnectionAction, removeConnectionAction, selectConnectionAction } from "@/lib/actions/connections";
import { requireContext } from "@/lib/server/context";
import { connectionList } from "@/lib/server/resources/connections";
import { getServerQueryClient } from "@/lib/server/resources/query-client";
import { ConnectionsView } from "./connections-view";

export const metadata: Metadata = { title: "Connections" };

export default async function ConnectionsPage() {
  const ctx = await requireContext("cluster:read");
  const queryClient = getServerQueryClient();
  await connectionList.prefetch(queryClient, ctx);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Connections</h1>
        <p className="text-sm text-muted">
          The embedded engine and the Garage clusters this console manages. Pick one in the header; every page follows.
        </p>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <ConnectionsView
          actions={
            ctx.scope.canWrite
              ? { add: addConnectionAction, select: selectConnectionAction, remove: removeConnectionAction }
              : { select: selectConnectionAction }
          }
        />
      </HydrationBoundary>
    </div>
  );
}
