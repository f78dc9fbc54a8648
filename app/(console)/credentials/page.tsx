import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { requireContext } from "@/lib/server/context";
import { credentialList } from "@/lib/server/resources/credentials";
import { getServerQueryClient } from "@/lib/server/resources/query-client";
import { CredentialsView } from "./credentials-view";

export const metadata: Metadata = { title: "S3 credentials" };

export default async function CredentialsPage() {
  const ctx = await requireContext("tenant:read");
  const queryClient = getServerQueryClient();
  await credentialList.prefetch(queryClient, ctx);
  const project = ctx.scope.kind === "tenant" ? `project ${ctx.scope.tenant.name}` : "every project";
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">S3 credentials</h1>
        <p className="text-sm text-muted">
          {ctx.connection.name} · {project} · read and write on every bucket of the project, and make new ones
        </p>
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <CredentialsView
          connectionId={ctx.connection.id}
          canCreate={ctx.scope.kind === "tenant"}
          canWrite={ctx.scope.canWrite}
        />
      </HydrationBoundary>
    </div>
  );
}
