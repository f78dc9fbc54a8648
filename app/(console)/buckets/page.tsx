import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { listAccessKeys } from "@/lib/admin-api/access-keys";
import { listBuckets } from "@/lib/admin-api/buckets";
import { accessKeyKeys, bucketKeys } from "@/lib/admin-api/keys";
import { requireContext } from "@/lib/server/context";
import { getServerQueryClient } from "@/lib/query/server";
import { BucketsView } from "./buckets-view";

export const metadata: Metadata = { title: "Buckets" };

export default async function BucketsPage() {
  const { connection } = await requireContext("admin");
  const queryClient = getServerQueryClient();
  await Promise.all([
    queryClient.prefetchQuery({ queryKey: bucketKeys.list(connection.id), queryFn: () => listBuckets(connection) }),
    queryClient.prefetchQuery({
      queryKey: accessKeyKeys.list(connection.id),
      queryFn: () => listAccessKeys(connection),
    }),
  ]);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Buckets</h1>
        <p className="text-sm text-muted">{connection.name} · objects, size and quota use</p>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <BucketsView connectionId={connection.id} />
      </HydrationBoundary>
    </div>
  );
}
