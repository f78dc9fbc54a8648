import Link from "next/link";
import { TenantUsage } from "@/components/tenants/tenant-usage";
import { Card } from "@/components/ui/card";
import { formatBytes } from "@/lib/format/bytes";
import type { ConsoleContext } from "@/lib/server/context";
import { listScopedBuckets } from "@/lib/server/tenancy/buckets-read";
import { getTenant } from "@/lib/server/tenancy/tenants";

/** A tenant's home: its usage against its limits and where to go next. */
export async function TenantHome({ ctx }: { ctx: ConsoleContext }) {
  if (ctx.scope.kind !== "tenant") return null;
  const tenant = getTenant(ctx.store, ctx.scope.tenant.id);
  if (!tenant) return null;
  const buckets = await listScopedBuckets(ctx.store, ctx.scope);
  const storedBytes = buckets.reduce((sum, bucket) => sum + bucket.bytes, 0);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">{tenant.name}</h1>
        <p className="text-sm text-muted">
          Your buckets and keys. A new bucket gets {formatBytes(tenant.limits.defaultBucketQuotaBytes)} unless you
          choose, within what is left of {formatBytes(tenant.limits.maxBytes)}.
        </p>
      </div>
      <Card title="Usage">
        <TenantUsage tenant={tenant} storedBytes={storedBytes} />
      </Card>
      <p className="flex gap-4 text-sm">
        <Link href="/buckets" className="text-accent underline">
          Buckets
        </Link>
        <Link href="/keys" className="text-accent underline">
          Access keys
        </Link>
      </p>
    </div>
  );
}
