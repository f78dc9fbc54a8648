import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import Link from "next/link";
import { requireContext } from "@/lib/server/context";
import { getServerQueryClient } from "@/lib/server/resources/query-client";
import { KeysView } from "./keys-view";
import { accessKeyList } from "@/lib/server/resources/access-keys";
import { clusterVersionOrNull } from "@/lib/server/resources/gated";
import { abilitiesOf } from "@/lib/server/tenancy/scope";

export const metadata: Metadata = { title: "Keys" };

export default async function KeysPage() {
  const ctx = await requireContext("tenant:read");
  const { connection } = ctx;
  const queryClient = getServerQueryClient();
  // A failed read is left to the client query, which shows the message and retries.
  const [version] = await Promise.all([clusterVersionOrNull(connection), accessKeyList.prefetch(queryClient, ctx)]);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold">Access keys</h1>
          <p className="text-sm text-muted">{connection.name} · S3 credentials for clients</p>
        </div>
        <Link href="/keys/permissions" prefetch={false} className="text-sm text-accent underline">
          Permission matrix
        </Link>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <KeysView connectionId={connection.id} version={version} abilities={abilitiesOf(ctx.scope)} />
      </HydrationBoundary>
    </div>
  );
}
