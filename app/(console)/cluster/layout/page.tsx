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
import { Alert } from "@/components/ui/alert";
import { getServerQueryClient } from "@/lib/server/resources/query-client";
import { LayoutLive } from "./layout-live";
import { requireContext } from "@/lib/server/context";
import { layoutEditor } from "@/lib/server/resources/layout";

export const metadata: Metadata = { title: "Layout editor" };

export default async function LayoutPage() {
  const ctx = await requireContext("cluster:read");
  const { connection } = ctx;
  const queryClient = getServerQueryClient();
  await layoutEditor.prefetch(queryClient, ctx);
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
      {ctx.scope.canWrite ? (
        <HydrationBoundary state={dehydrate(queryClient)}>
          <LayoutLive connectionId={connection.id} connectionName={connection.name} actions={actions} />
        </HydrationBoundary>
      ) : (
        <Alert tone="info">
          Only an admin changes the layout. The current layout is on the{" "}
          <Link href="/cluster" className="text-accent underline">
            cluster page
          </Link>
          .
        </Alert>
      )}
    </div>
  );
}
