import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import Link from "next/link";
import { permissionKeys } from "@/lib/admin-api/keys";
import { readPermissionMatrix } from "@/lib/admin-api/permissions";
import { requireContext } from "@/lib/server/context";
import { getServerQueryClient } from "@/lib/query/server";
import { MatrixView } from "./matrix-view";

export const metadata: Metadata = { title: "Permissions" };

export default async function PermissionsPage() {
  const { connection } = await requireContext("admin");
  const queryClient = getServerQueryClient();
  await queryClient.prefetchQuery({
    queryKey: permissionKeys.matrix(connection.id),
    queryFn: () => readPermissionMatrix(connection),
  });
  return (
    <div className="flex flex-col gap-6">
      <div>
        <p className="text-sm">
          <Link href="/keys" className="text-accent underline">
            Access keys
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">Permission matrix</h1>
        <p className="text-sm text-muted">Each box grants or revokes one right of one key on one bucket, at once.</p>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <MatrixView connectionId={connection.id} />
      </HydrationBoundary>
    </div>
  );
}
