"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Meter } from "@/components/ui/meter";
import { useResultCall } from "@/components/ui/use-action-state";
import type { Action } from "@/lib/action-result";
import { formatBytes, formatCount, usageRatio, usageText } from "@/lib/format/bytes";
import { defaultTenantLimits, type TenantLimits } from "@/lib/tenancy/limits";
import type { TenantWithUsage } from "@/lib/tenancy/types";
import { LimitsFields, limitsFromForm } from "./limits-fields";

export type NewTenantInput = { name: string; limits: TenantLimits };

/** Every tenant with its usage against its limits; an admin creates one here (a viewer only looks). */
export function TenantsPanel({
  tenants,
  onCreate,
}: {
  tenants: TenantWithUsage[];
  onCreate: Action<NewTenantInput, TenantWithUsage> | null;
}) {
  return (
    <div className="flex flex-col gap-6">
      {onCreate ? <CreateTenantForm onCreate={onCreate} /> : null}
      <div className="overflow-x-auto rounded-lg border border-border bg-surface">
        <table className="w-full text-sm">
          <caption className="sr-only">Tenants</caption>
          <thead className="text-left text-xs text-muted uppercase">
            <tr>
              {["Tenant", "Buckets", "Keys", "Quotas handed out"].map((title) => (
                <th key={title} scope="col" className="p-3">
                  {title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {tenants.map((tenant) => (
              <TenantRow key={tenant.id} tenant={tenant} />
            ))}
          </tbody>
        </table>
      </div>
      {tenants.length === 0 ? <p className="text-sm text-muted">No tenants yet.</p> : null}
    </div>
  );
}

function TenantRow({ tenant }: { tenant: TenantWithUsage }) {
  const { usage, limits } = tenant;
  return (
    <tr className="border-t border-border align-top">
      <th scope="row" className="p-3 text-left">
        <Link href={`/tenants/${tenant.id}`} className="font-semibold text-accent underline-offset-2 hover:underline">
          {tenant.name}
        </Link>
        {tenant.disabled ? <span className="ml-2 text-xs text-bad">disabled</span> : null}
        <p className="font-mono text-xs font-normal text-muted">{tenant.id}</p>
      </th>
      <td className="p-3">
        <Meter
          label={`Buckets of ${tenant.name} against its limit`}
          ratio={usageRatio(usage.buckets, limits.maxBuckets)}
          text={usageText(usage.buckets, limits.maxBuckets, formatCount)}
        />
      </td>
      <td className="p-3">
        <Meter
          label={`Keys of ${tenant.name} against its limit`}
          ratio={usageRatio(usage.keys, limits.maxKeys)}
          text={usageText(usage.keys, limits.maxKeys, formatCount)}
        />
      </td>
      <td className="p-3">
        <Meter
          label={`Quotas of ${tenant.name} against its byte limit`}
          ratio={usageRatio(usage.allocatedBytes, limits.maxBytes)}
          text={usageText(usage.allocatedBytes, limits.maxBytes, formatBytes)}
        />
      </td>
    </tr>
  );
}

function CreateTenantForm({ onCreate }: { onCreate: Action<NewTenantInput, TenantWithUsage> }) {
  const call = useResultCall();
  const [created, setCreated] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setCreated(null);
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const input = { name: String(form.get("name") ?? ""), limits: limitsFromForm(form) };
    const result = await call.run(() => onCreate(input));
    if (result.ok) {
      formElement.reset();
      setCreated(result.data.name);
    }
  };
  return (
    <form
      onSubmit={submit}
      aria-label="Create a tenant"
      className="flex flex-col gap-3 rounded-lg border border-border p-4"
    >
      <h2 className="text-lg font-semibold">Create a tenant</h2>
      <TextField label="Tenant name" name="name" required className="max-w-sm" />
      <LimitsFields limits={defaultTenantLimits} />
      {call.error ? <Alert tone="error">{call.error}</Alert> : null}
      {created ? <Alert tone="success">Tenant {created} created.</Alert> : null}
      <div>
        <Button type="submit" disabled={call.pending}>
          {call.pending ? "Working…" : "Create tenant"}
        </Button>
      </div>
    </form>
  );
}
