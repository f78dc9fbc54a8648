import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AdminApiError } from "@/lib/admin-api/errors";
import { objectKeys } from "@/lib/admin-api/keys";
import { getServerQueryClient } from "@/lib/query/server";
import { requireContext } from "@/lib/server/context";
import { openBucket } from "@/lib/s3/bucket-access";
import { listFolder } from "@/lib/s3/objects";
import { normalisePrefix } from "@/lib/s3/paths";
import { BrowserView } from "./browser-view";

export const metadata: Metadata = { title: "Objects" };

/**
 * The object browser for one bucket, at /browse/<bucketId>?prefix=a/b/. Opening it
 * grants the console's own key read and write on the bucket (see lib/s3/bucket-access).
 */
export default async function BrowsePage({
  params,
  searchParams,
}: {
  params: Promise<{ bucketId: string }>;
  searchParams: Promise<{ prefix?: string | string[] }>;
}) {
  const { connection } = await requireContext("admin");
  const [{ bucketId }, search] = await Promise.all([params, searchParams]);
  const prefix = normalisePrefix(typeof search.prefix === "string" ? search.prefix : "");
  let bucket;
  try {
    bucket = await openBucket(connection, bucketId);
  } catch (error) {
    if (
      error instanceof AdminApiError &&
      (error.code === "NoSuchBucket" || error.status === 404 || error.status === 400)
    )
      notFound();
    throw error;
  }
  const queryClient = getServerQueryClient();
  await queryClient.prefetchInfiniteQuery({
    queryKey: objectKeys.folder(connection.id, bucket.id, prefix),
    queryFn: () => listFolder(connection, bucket.id, prefix, null),
    initialPageParam: null,
  });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <BrowserView
        key={prefix}
        connectionId={connection.id}
        bucket={{ id: bucket.id, name: bucket.name }}
        prefix={prefix}
      />
    </HydrationBoundary>
  );
}
