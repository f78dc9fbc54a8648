"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { useResultCall } from "@/components/ui/use-action-state";
import type { Action } from "@/lib/action-result";
import type { OwnerRef, UserView } from "@/lib/tenancy/types";

export type Role = UserView["role"];
export const roleChoices: { value: Role; label: string }[] = [
  { value: "tenant", label: "Tenant: its own buckets and keys" },
  { value: "viewer", label: "Viewer: sees everything, changes nothing" },
  { value: "admin", label: "Admin: everything" },
];

export type NewUserInput = { name: string; password: string; role: Role; tenant: string | null };

/** A role, and for a tenant user its tenant. */
export function RoleAndTenant({
  tenants,
  role,
  onRole,
  tenantId,
}: {
  tenants: OwnerRef[];
  role: Role;
  onRole: (role: Role) => void;
  tenantId?: string | null;
}) {
  return (
    <>
      <SelectField
        label="Role"
        name="role"
        value={role}
        onChange={(event) =>
          onRole(roleChoices.find((choice) => choice.value === event.target.value)?.value ?? "tenant")
        }
      >
        {roleChoices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </SelectField>
      {role === "tenant" ? (
        <SelectField label="Tenant" name="tenant" required defaultValue={tenantId ?? ""}>
          <option value="" disabled>
            Choose a tenant
          </option>
          {tenants.map((tenant) => (
            <option key={tenant.id} value={tenant.id}>
              {tenant.name}
            </option>
          ))}
        </SelectField>
      ) : null}
    </>
  );
}

export function CreateUserForm({
  tenants,
  onCreate,
}: {
  tenants: OwnerRef[];
  onCreate: Action<NewUserInput, UserView>;
}) {
  const call = useResultCall();
  const [role, setRole] = useState<Role>("tenant");
  const [created, setCreated] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setCreated(null);
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const input = {
      name: String(form.get("name") ?? ""),
      password: String(form.get("password") ?? ""),
      role,
      tenant: role === "tenant" ? String(form.get("tenant") ?? "") : null,
    };
    const result = await call.run(() => onCreate(input));
    if (result.ok) {
      formElement.reset();
      setCreated(result.data.name);
    }
  };
  return (
    <form
      onSubmit={submit}
      aria-label="Create a user"
      className="flex flex-col gap-3 rounded-lg border border-border p-4"
    >
      <h2 className="text-lg font-semibold">Create a user</h2>
      <div className="flex flex-wrap items-end gap-3">
        <TextField label="User name" name="name" required autoComplete="off" />
        <TextField
          label="Password"
          name="password"
          type="password"
          required
          minLength={8}
          autoComplete="new-password"
        />
        <RoleAndTenant tenants={tenants} role={role} onRole={setRole} />
      </div>
      {call.error ? <Alert tone="error">{call.error}</Alert> : null}
      {created ? <Alert tone="success">User {created} created.</Alert> : null}
      <div>
        <Button type="submit" disabled={call.pending}>
          {call.pending ? "Working…" : "Create user"}
        </Button>
      </div>
    </form>
  );
}
