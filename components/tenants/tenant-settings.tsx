"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TextField } from "@/components/ui/field";
import { useResultCall } from "@/components/ui/use-action-state";
import type { Action } from "@/lib/action-result";
import type { TenantLimits } from "@/lib/tenancy/limits";
import type { TenantWithUsage } from "@/lib/tenancy/types";
import { LimitsFields, limitsFromForm } from "./limits-fields";

export interface TenantSettingsActions {
  update: Action<{ tenantId: string; name?: string; limits?: TenantLimits; disabled?: boolean }, TenantWithUsage>;
  remove: Action<{ tenantId: string }, null>;
}

/** An admin's controls for one tenant: name and limits, disable or enable, delete. */
export function TenantSettings({
  tenant,
  actions,
  onDeleted,
}: {
  tenant: TenantWithUsage;
  actions: TenantSettingsActions;
  onDeleted: () => void;
}) {
  const save = useResultCall();
  const toggle = useResultCall();
  const [saved, setSaved] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const form = new FormData(event.currentTarget);
    const input = { tenantId: tenant.id, name: String(form.get("name") ?? ""), limits: limitsFromForm(form) };
    if ((await save.run(() => actions.update(input))).ok) setSaved(true);
  };
  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={submit} aria-label="Tenant settings" className="flex flex-col gap-3">
        <TextField label="Tenant name" name="name" required defaultValue={tenant.name} className="max-w-sm" />
        <LimitsFields limits={tenant.limits} />
        {save.error ? <Alert tone="error">{save.error}</Alert> : null}
        {saved ? <Alert tone="success">Saved.</Alert> : null}
        <div>
          <Button type="submit" disabled={save.pending}>
            Save tenant
          </Button>
        </div>
      </form>
      <div className="flex flex-wrap gap-2">
        <Button
          type="button"
          variant="ghost"
          disabled={toggle.pending}
          onClick={() => toggle.run(() => actions.update({ tenantId: tenant.id, disabled: !tenant.disabled }))}
        >
          {tenant.disabled ? "Enable tenant" : "Disable tenant"}
        </Button>
        <Button type="button" variant="ghost" onClick={() => setDeleting(true)}>
          Delete tenant
        </Button>
      </div>
      {toggle.error ? <Alert tone="error">{toggle.error}</Alert> : null}
      <ConfirmDialog
        open={deleting}
        title={`Delete ${tenant.name}?`}
        body="Its access keys are deleted from the cluster and its users from the console. A tenant that still owns buckets is refused: empty and delete them first."
        confirmLabel="Delete tenant"
        onClose={() => setDeleting(false)}
        onConfirm={async () => {
          const result = await actions.remove({ tenantId: tenant.id });
          if (result.ok) onDeleted();
          return result;
        }}
      />
    </div>
  );
}
