import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { requireContext } from "@/lib/server/context";
import { getServerQueryClient } from "@/lib/server/resources/query-client";
import { BucketsView } from "./buckets-view";
import { firstBucketPage } from "@/lib/resources/buckets";
import { bucketPage } from "@/lib/server/resources/buckets";
import { abilitiesOf } from "@/lib/server/tenancy/scope";

export const metadata: Metadata = { title: "Buckets" };

export default async function BucketsPage() {
  const ctx = await requireContext("tenant:read");
  const { connection } = ctx;
  const queryClient = getServerQueryClient();
  // The first page only (its 50 buckets' usage); the keys are read when the create dialog opens.
  await bucketPage.prefetch(queryClient, ctx, firstBucketPage);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Buckets</h1>
        <p className="text-sm text-muted">
          {ctx.scope.kind === "tenant" ? ctx.scope.tenant.name : connection.name} · objects, size and quota use
        </p>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <BucketsView
          connectionId={connection.id}
          abilities={abilitiesOf(ctx.scope)}
          defaultQuotaBytes={ctx.scope.kind === "tenant" ? ctx.scope.tenant.limits.defaultBucketQuotaBytes : undefined}
        />
      </HydrationBoundary>
    </div>
  );
}
