"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { CheckboxField, TextField } from "@/components/ui/field";
import { useResultCall } from "@/components/ui/use-action-state";
import type { Action } from "@/lib/action-result";
import type { AccessKeySummary } from "@/lib/admin-api/access-keys";

export type CreateKeyInput = { name: string; expiresOn: string; canCreateBuckets: boolean };
export type ImportKeyInput = { name: string; accessKeyId: string; secretAccessKey: string };

function DialogButtons({
  pending,
  submitLabel,
  onCancel,
}: {
  pending: boolean;
  submitLabel: string;
  onCancel: () => void;
}) {
  return (
    <div className="mt-2 flex justify-end gap-2">
      <Button type="button" variant="ghost" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" disabled={pending}>
        {pending ? "Working…" : submitLabel}
      </Button>
    </div>
  );
}

/** `mayCreateBuckets`: offer the create-bucket right (operators; a tenant's keys never have it). */
export function CreateKeyDialog({
  open,
  onClose,
  onCreate,
  noExpiry,
  mayCreateBuckets = true,
}: {
  open: boolean;
  onClose: () => void;
  onCreate: Action<CreateKeyInput, AccessKeySummary>;
  /** Why keys cannot expire on this cluster, said in place of the field; null when they can. */
  noExpiry: string | null;
  mayCreateBuckets?: boolean;
}) {
  const call = useResultCall();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const result = await call.run(() =>
      onCreate({
        name: String(form.get("name") ?? ""),
        expiresOn: String(form.get("expiresOn") ?? ""),
        canCreateBuckets: form.get("canCreateBuckets") === "on",
      }),
    );
    if (result.ok) onClose();
  };
  return (
    <Dialog open={open} title="Create an access key" onClose={onClose}>
      <form onSubmit={submit} className="flex flex-col gap-3">
        <TextField label="Name" name="name" required autoFocus />
        {noExpiry ? (
          <p className="text-sm text-muted">{noExpiry} The key never expires.</p>
        ) : (
          <TextField label="Expires on" name="expiresOn" type="date" hint="Leave empty for a key that never expires." />
        )}
        {mayCreateBuckets ? <CheckboxField label="May create buckets" name="canCreateBuckets" /> : null}
        {call.error ? <Alert tone="error">{call.error}</Alert> : null}
        <DialogButtons pending={call.pending} submitLabel="Create key" onCancel={onClose} />
      </form>
    </Dialog>
  );
}

export function ImportKeyDialog({
  open,
  onClose,
  onImport,
}: {
  open: boolean;
  onClose: () => void;
  onImport: Action<ImportKeyInput, AccessKeySummary>;
}) {
  const call = useResultCall();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      name: String(form.get("name") ?? ""),
      accessKeyId: String(form.get("accessKeyId") ?? ""),
      secretAccessKey: String(form.get("secretAccessKey") ?? ""),
    };
    if ((await call.run(() => onImport(input))).ok) onClose();
  };
  return (
    <Dialog open={open} title="Import an access key" onClose={onClose}>
      <form onSubmit={submit} className="flex flex-col gap-3">
        <TextField label="Name" name="name" required autoFocus />
        <TextField label="Access key id" name="accessKeyId" required autoComplete="off" spellCheck={false} />
        <TextField label="Secret key" name="secretAccessKey" type="password" required autoComplete="off" />
        {call.error ? <Alert tone="error">{call.error}</Alert> : null}
        <DialogButtons pending={call.pending} submitLabel="Import key" onCancel={onClose} />
      </form>
    </Dialog>
  );
}

export function RenameKeyDialog({
  target,
  onClose,
  onRename,
  consoleKeyWarning,
}: {
  target: AccessKeySummary | null;
  onClose: () => void;
  onRename: Action<{ accessKeyId: string; name: string; consoleKeyConfirmed?: boolean }, AccessKeySummary>;
  /** Said first when the key is the console's own (renaming it is allowed, knowingly). */
  consoleKeyWarning: string;
}) {
  const call = useResultCall();
  const [name, setName] = useState("");
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = {
      accessKeyId: target?.id ?? "",
      name: name || (target?.name ?? ""),
      consoleKeyConfirmed: target?.consoleKey === true,
    };
    if (target && (await call.run(() => onRename(input))).ok) onClose();
  };
  return (
    <Dialog open={target !== null} title={`Rename ${target?.name ?? "key"}`} onClose={onClose}>
      <form onSubmit={submit} className="flex flex-col gap-3">
        {target?.consoleKey ? (
          <p className="rounded-md border border-warn p-3 text-sm text-warn">
            {consoleKeyWarning} Another console on this cluster finds its key by this name.
          </p>
        ) : null}
        <TextField
          label="New name"
          name="name"
          required
          autoFocus
          defaultValue={target?.name}
          onChange={(event) => setName(event.target.value)}
        />
        {call.error ? <Alert tone="error">{call.error}</Alert> : null}
        <DialogButtons pending={call.pending} submitLabel="Rename" onCancel={onClose} />
      </form>
    </Dialog>
  );
}
