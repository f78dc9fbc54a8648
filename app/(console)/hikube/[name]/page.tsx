import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { formatDate } from "@/lib/format/dates";
import { requireContext } from "@/lib/server/context";
import { NoSuchSecretError } from "@/lib/server/hikube/buckets";
import { hikubeSummary } from "@/lib/server/hikube/console";
import { InputError } from "@/lib/server/action-errors";
import { SecretView } from "./secret-view";

export const metadata: Metadata = { title: "Hikube bucket" };

/** One Hikube bucket: what its manifest made, its BucketInfo and its Secret. Operators name the tenant (?tenant=). */
export default async function HikubeBucketPage({
  params,
  searchParams,
}: {
  params: Promise<{ name: string }>;
  searchParams: Promise<{ tenant?: string | string[] }>;
}) {
  const ctx = await requireContext("tenant:read");
  const { name } = await params;
  const { tenant } = await searchParams;
  const tenantId = typeof tenant === "string" ? tenant : undefined;
  const bucket = (() => {
    try {
      return hikubeSummary(ctx.store, ctx.scope, decodeURIComponent(name), tenantId);
    } catch (error) {
      if (error instanceof NoSuchSecretError || error instanceof InputError) return null;
      throw error;
    }
  })();
  if (!bucket) notFound();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link href="/hikube" className="text-sm text-accent underline">
          Hikube buckets
        </Link>
        <h1 className="text-2xl font-semibold">{bucket.secretName}</h1>
        <p className="text-sm text-muted">
          Bucket {bucket.name} of {bucket.tenant.name} · S3 bucket {bucket.bucketName} · created{" "}
          {formatDate(bucket.createdAt)}
        </p>
      </div>
      <Card title="Secret">
        <SecretView
          bucket={bucket}
          tenant={ctx.scope.kind === "tenant" ? undefined : bucket.tenant.id}
          canReveal={ctx.scope.canWrite}
        />
      </Card>
    </div>
  );
}
