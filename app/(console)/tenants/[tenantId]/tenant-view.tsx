"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Section } from "@/components/buckets/section";
import { TenantBuckets } from "@/components/tenants/tenant-buckets";
import { TenantSettings } from "@/components/tenants/tenant-settings";
import { TenantUsage } from "@/components/tenants/tenant-usage";
import { Alert } from "@/components/ui/alert";
import { deleteBucketAction, emptyBucketAction } from "@/lib/actions/buckets";
import { deleteTenantAction, updateTenantAction } from "@/lib/actions/tenants";
import { bucketKeys } from "@/lib/resources/buckets";
import { tenantKeys, tenantQuery } from "@/lib/resources/tenants";
import { useInvalidating } from "@/lib/resources/use-invalidating";

/** One tenant for operators: usage, an admin's settings, its buckets (empty and delete) and its users. */
export function TenantView({ tenantId, canWrite }: { tenantId: string; canWrite: boolean }) {
  const router = useRouter();
  const { data, error } = useQuery(tenantQuery(tenantId));
  const invalidating = useInvalidating([tenantKeys.all, bucketKeys.all]);
  if (!data)
    return (
      <Alert tone={error ? "error" : "info"}>
        {error ? `The tenant could not be read: ${error.message}` : "Reading the tenant…"}
      </Alert>
    );
  const { tenant, buckets, users } = data;
  const storedBytes = buckets.reduce((sum, bucket) => sum + bucket.bytes, 0);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <p className="text-sm">
          <Link href="/tenants" className="text-accent underline">
            Tenants
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">{tenant.name}</h1>
        <p className="font-mono text-xs text-muted">
          {tenant.id} · cluster {tenant.connectionId}
          {tenant.disabled ? " · disabled" : ""}
        </p>
      </div>
      <Section id="usage" title="Usage">
        <TenantUsage tenant={tenant} storedBytes={storedBytes} />
      </Section>
      {canWrite ? (
        <Section id="tenant-settings" title="Settings">
          <TenantSettings
            tenant={tenant}
            actions={{ update: invalidating(updateTenantAction), remove: invalidating(deleteTenantAction) }}
            onDeleted={() => router.push("/tenants")}
          />
        </Section>
      ) : null}
      <Section id="tenant-buckets" title="Buckets">
        <TenantBuckets
          buckets={buckets}
          actions={
            canWrite ? { empty: invalidating(emptyBucketAction), remove: invalidating(deleteBucketAction) } : null
          }
        />
      </Section>
      <Section id="tenant-users" title="Users">
        {users.length === 0 ? (
          <p className="text-sm text-muted">No users yet.</p>
        ) : (
          <ul className="text-sm">
            {users.map((user) => (
              <li key={user.id}>
                {user.name}
                {user.disabled ? " (disabled)" : ""}
                {user.oidc ? " · single sign-on" : ""}
              </li>
            ))}
          </ul>
        )}
        <p className="mt-2 text-sm">
          <Link href="/users" className="text-accent underline">
            Manage users
          </Link>
        </p>
      </Section>
    </div>
  );
}
