"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { useResultCall } from "@/components/ui/use-action-state";
import type { Action } from "@/lib/action-result";
import type { OwnerRef, UserView } from "@/lib/tenancy/types";
import { CreateUserForm, RoleAndTenant, type NewUserInput, type Role } from "./create-user-form";

export interface UserActions {
  create: Action<NewUserInput, UserView>;
  update: Action<
    { userId: string; password?: string; role?: Role; tenant?: string | null; disabled?: boolean },
    UserView
  >;
  remove: Action<{ userId: string }, null>;
}

/** The console's users: an admin creates them, sets role and tenant, resets passwords, disables, deletes. */
export function UsersPanel({
  users,
  tenants,
  actions,
}: {
  users: UserView[];
  tenants: OwnerRef[];
  actions: UserActions | null;
}) {
  return (
    <div className="flex flex-col gap-6">
      {actions ? <CreateUserForm tenants={tenants} onCreate={actions.create} /> : null}
      <ul className="flex flex-col gap-3" aria-label="Users">
        {users.map((user) => (
          <UserItem key={user.id} user={user} tenants={tenants} actions={actions} />
        ))}
      </ul>
    </div>
  );
}

function describe(user: UserView): string {
  const where = user.role === "tenant" ? `tenant ${user.tenant?.name ?? "?"}` : user.role;
  return [where, user.oidc ? "single sign-on" : "password", user.disabled ? "disabled" : null]
    .filter(Boolean)
    .join(" · ");
}

function UserItem({ user, tenants, actions }: { user: UserView; tenants: OwnerRef[]; actions: UserActions | null }) {
  return (
    <li aria-label={user.name} className="flex flex-col gap-3 rounded-lg border border-border bg-surface p-4">
      <div>
        <p className="font-semibold">{user.name}</p>
        <p className="text-xs text-muted">{describe(user)}</p>
      </div>
      {actions ? <UserControls user={user} tenants={tenants} actions={actions} /> : null}
    </li>
  );
}

function UserControls({ user, tenants, actions }: { user: UserView; tenants: OwnerRef[]; actions: UserActions }) {
  const call = useResultCall();
  const [role, setRole] = useState<Role>(user.role);
  const [dialog, setDialog] = useState<"password" | "delete" | null>(null);
  const saveRole = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const tenant = role === "tenant" ? String(new FormData(event.currentTarget).get("tenant") ?? "") : null;
    await call.run(() => actions.update({ userId: user.id, role, tenant }));
  };
  return (
    <>
      <form onSubmit={saveRole} className="flex flex-wrap items-end gap-2" aria-label={`Role of ${user.name}`}>
        <RoleAndTenant tenants={tenants} role={role} onRole={setRole} tenantId={user.tenant?.id} />
        <Button type="submit" variant="ghost" disabled={call.pending}>
          Save role
        </Button>
      </form>
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="ghost" onClick={() => setDialog("password")}>
          Reset password
        </Button>
        <Button
          type="button"
          variant="ghost"
          disabled={call.pending}
          onClick={() => call.run(() => actions.update({ userId: user.id, disabled: !user.disabled }))}
        >
          {user.disabled ? "Enable" : "Disable"} {user.name}
        </Button>
        <Button type="button" variant="ghost" onClick={() => setDialog("delete")}>
          Delete {user.name}
        </Button>
      </div>
      {call.error ? <Alert tone="error">{call.error}</Alert> : null}
      <PasswordDialog
        open={dialog === "password"}
        user={user}
        onClose={() => setDialog(null)}
        onSave={(password) => actions.update({ userId: user.id, password })}
      />
      <ConfirmDialog
        open={dialog === "delete"}
        title={`Delete ${user.name}?`}
        body="Their very next request is refused, whatever session they have open."
        confirmLabel="Delete user"
        onClose={() => setDialog(null)}
        onConfirm={() => actions.remove({ userId: user.id })}
      />
    </>
  );
}

function PasswordDialog({
  open,
  user,
  onClose,
  onSave,
}: {
  open: boolean;
  user: UserView;
  onClose: () => void;
  onSave: (password: string) => ReturnType<UserActions["update"]>;
}) {
  const call = useResultCall();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    if ((await call.run(() => onSave(password))).ok) onClose();
  };
  return (
    <Dialog open={open} title={`New password for ${user.name}`} onClose={onClose}>
      <form onSubmit={submit} className="flex flex-col gap-3">
        <TextField
          label="New password"
          name="password"
          type="password"
          required
          minLength={8}
          autoComplete="new-password"
        />
        {call.error ? <Alert tone="error">{call.error}</Alert> : null}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={call.pending}>
            Set password
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
