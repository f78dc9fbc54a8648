import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ConsoleKeyNote } from "@/components/objects/console-key-note";
import { normalisePrefix } from "@/lib/s3/paths";
import { requireContext } from "@/lib/server/context";
import { openBrowsedBucket, prefetchFolder } from "@/lib/server/resources/objects";
import { getServerQueryClient } from "@/lib/server/resources/query-client";
import { BrowserView } from "./browser-view";

export const metadata: Metadata = { title: "Objects" };

/**
 * The object browser for one bucket, at /browse/<bucketId>?prefix=a/b/. Opening it
 * grants the console's own key read and write on the bucket (see lib/server/s3/bucket-access).
 */
export default async function BrowsePage({
  params,
  searchParams,
}: {
  params: Promise<{ bucketId: string }>;
  searchParams: Promise<{ prefix?: string | string[]; versions?: string | string[] }>;
}) {
  const ctx = await requireContext("tenant:read");
  const [{ bucketId }, search] = await Promise.all([params, searchParams]);
  const prefix = normalisePrefix(typeof search.prefix === "string" ? search.prefix : "");
  const showVersions = search.versions === "1";
  const bucket = await openBrowsedBucket(ctx, bucketId);
  if (!bucket) notFound();
  const queryClient = getServerQueryClient();
  await prefetchFolder(queryClient, ctx, bucket.id, prefix);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <BrowserView
        key={`${prefix}\u0000${showVersions}`}
        connectionId={ctx.connection.id}
        bucket={{ id: bucket.id, name: bucket.name }}
        keyNote={<ConsoleKeyNote grantedNow={bucket.consoleKeyGrantedNow ?? false} />}
        prefix={prefix}
        showVersions={showVersions}
        readOnly={!ctx.scope.canWrite}
      />
    </HydrationBoundary>
  );
}
