import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import Link from "next/link";
import { listAccessKeys } from "@/lib/admin-api/access-keys";
import { accessKeyKeys } from "@/lib/admin-api/keys";
import { requireContext } from "@/lib/server/context";
import { getServerQueryClient } from "@/lib/query/server";
import { KeysView } from "./keys-view";

export const metadata: Metadata = { title: "Keys" };

export default async function KeysPage() {
  const { connection } = await requireContext("admin");
  const queryClient = getServerQueryClient();
  // A failed read is left to the client query, which shows the message and retries.
  await queryClient.prefetchQuery({
    queryKey: accessKeyKeys.list(connection.id),
    queryFn: () => listAccessKeys(connection),
  });
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold">Access keys</h1>
          <p className="text-sm text-muted">{connection.name} · S3 credentials for clients</p>
        </div>
        <Link href="/keys/permissions" className="text-sm text-accent underline">
          Permission matrix
        </Link>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <KeysView connectionId={connection.id} />
      </HydrationBoundary>
    </div>
  );
}
