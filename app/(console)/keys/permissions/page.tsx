import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import Link from "next/link";
import { requireContext } from "@/lib/server/context";
import { getServerQueryClient } from "@/lib/server/resources/query-client";
import { MatrixView } from "./matrix-view";
import { firstMatrixPage } from "@/lib/resources/permissions";
import { permissionPage } from "@/lib/server/resources/permissions";

export const metadata: Metadata = { title: "Permissions" };

export default async function PermissionsPage() {
  const ctx = await requireContext("tenant:read");
  const queryClient = getServerQueryClient();
  // The first page only (20 keys by 6 buckets, their grants read from those 6 buckets).
  await permissionPage.prefetch(queryClient, ctx, firstMatrixPage);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <p className="text-sm">
          <Link href="/keys" prefetch={false} className="text-accent underline">
            Access keys
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">Permission matrix</h1>
        <p className="text-sm text-muted">Each box grants or revokes one right of one key on one bucket, at once.</p>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <MatrixView connectionId={ctx.connection.id} canWrite={ctx.scope.canWrite} />
      </HydrationBoundary>
    </div>
  );
}
