import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { listAccessKeys } from "@/lib/admin-api/access-keys";
import { getBucket, webEndpoint } from "@/lib/admin-api/buckets";
import { AdminApiError } from "@/lib/admin-api/errors";
import { accessKeyKeys, bucketKeys } from "@/lib/admin-api/keys";
import { getServerQueryClient } from "@/lib/query/server";
import { requireContext } from "@/lib/server/context";
import { BucketView } from "./bucket-view";

export const metadata: Metadata = { title: "Bucket" };

export default async function BucketPage({ params }: { params: Promise<{ bucketId: string }> }) {
  const { connection } = await requireContext("admin");
  const { bucketId } = await params;
  const queryClient = getServerQueryClient();
  try {
    await queryClient.fetchQuery({
      queryKey: bucketKeys.detail(connection.id, bucketId),
      queryFn: () => getBucket(connection, bucketId),
    });
  } catch (error) {
    if (error instanceof AdminApiError && (error.code === "NoSuchBucket" || error.status === 404)) notFound();
    throw error;
  }
  await queryClient.prefetchQuery({
    queryKey: accessKeyKeys.list(connection.id),
    queryFn: () => listAccessKeys(connection),
  });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <BucketView
        connectionId={connection.id}
        bucketId={bucketId}
        s3Endpoint={connection.s3Endpoint}
        region={connection.region}
        web={webEndpoint(connection)}
      />
    </HydrationBoundary>
  );
}
