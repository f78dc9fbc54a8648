import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import Link from "next/link";
import {
  addVolumeAction,
  applyLayoutAction,
  previewLayoutAction,
  revertLayoutAction,
  stageLayoutAction,
} from "@/lib/actions/layout";
import { layoutKeys } from "@/lib/admin-api/keys";
import { readLayoutPage } from "@/lib/admin-api/page-reads";
import { requireRole } from "@/lib/auth/guard";
import { getActiveConnection } from "@/lib/connections";
import { getServerQueryClient } from "@/lib/query/server";
import { LayoutLive } from "./layout-live";

export const metadata: Metadata = { title: "Layout editor" };

export default async function LayoutPage() {
  await requireRole("admin");
  const connection = await getActiveConnection();
  const queryClient = getServerQueryClient();
  await queryClient.prefetchQuery({
    queryKey: layoutKeys.editor(connection.id),
    queryFn: () => readLayoutPage(connection),
  });
  const actions = {
    stage: stageLayoutAction,
    preview: previewLayoutAction,
    apply: applyLayoutAction,
    revert: revertLayoutAction,
    addVolume: addVolumeAction,
  };
  return (
    <div className="flex flex-col gap-6">
      <div>
        <p className="text-sm">
          <Link href="/cluster" className="text-muted underline hover:text-foreground">
            Cluster
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">Layout editor</h1>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <LayoutLive connectionId={connection.id} connectionName={connection.name} actions={actions} />
      </HydrationBoundary>
    </div>
  );
}
