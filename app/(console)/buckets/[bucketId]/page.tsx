import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminApiError } from "@/lib/admin-api/errors";
import { webEndpoint } from "@/lib/server/admin-api/buckets";
import { s3PublicEndpoint } from "@/lib/server/connections";
import { hikubeBucketOf } from "@/lib/server/hikube/buckets";
import { requireContext } from "@/lib/server/context";
import { accessKeyList } from "@/lib/server/resources/access-keys";
import { bucketDetail } from "@/lib/server/resources/buckets";
import { clusterVersionOrNull } from "@/lib/server/resources/gated";
import { getServerQueryClient } from "@/lib/server/resources/query-client";
import { abilitiesOf } from "@/lib/server/tenancy/scope";
import { BucketView } from "./bucket-view";

export const metadata: Metadata = { title: "Bucket" };

export default async function BucketPage({ params }: { params: Promise<{ bucketId: string }> }) {
  const ctx = await requireContext("tenant:read");
  const { connection } = ctx;
  const { bucketId } = await params;
  const queryClient = getServerQueryClient();
  try {
    await bucketDetail.fetch(queryClient, ctx, bucketId);
  } catch (error) {
    if (error instanceof AdminApiError && (error.code === "NoSuchBucket" || error.status === 404)) notFound();
    throw error;
  }
  const [version] = await Promise.all([clusterVersionOrNull(connection), accessKeyList.prefetch(queryClient, ctx)]);
  const hikube = hikubeBucketOf(ctx.store, ctx.scope, bucketId);
  const hikubeHref = hikube
    ? `/hikube/${encodeURIComponent(hikube.name)}${ctx.scope.kind === "tenant" ? "" : `?tenant=${hikube.tenantId}`}`
    : null;
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      {hikubeHref ? (
        <p className="mb-4 text-sm">
          Made by a Hikube manifest:{" "}
          <Link href={hikubeHref} className="text-accent underline">
            its BucketInfo and Secret
          </Link>
        </p>
      ) : null}
      <BucketView
        abilities={abilitiesOf(ctx.scope)}
        connectionId={connection.id}
        bucketId={bucketId}
        s3Endpoint={s3PublicEndpoint(connection)}
        region={connection.region}
        web={webEndpoint(connection)}
        version={version}
      />
    </HydrationBoundary>
  );
}
