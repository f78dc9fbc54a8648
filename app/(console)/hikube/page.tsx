import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { requireContext } from "@/lib/server/context";
import { hikubeList } from "@/lib/server/resources/hikube";
import { getServerQueryClient } from "@/lib/server/resources/query-client";
import { HikubeView } from "./hikube-view";

export const metadata: Metadata = { title: "Hikube buckets" };

export default async function HikubePage() {
  const ctx = await requireContext("tenant:read");
  const queryClient = getServerQueryClient();
  await hikubeList.prefetch(queryClient, ctx);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Hikube buckets</h1>
        <p className="text-sm text-muted">
          {ctx.connection.name} · a Bucket manifest makes a bucket, a key for it alone and the Secret
          bucket-&lt;name&gt;
        </p>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <HikubeView connectionId={ctx.connection.id} isTenant={ctx.scope.kind === "tenant"} />
      </HydrationBoundary>
    </div>
  );
}
