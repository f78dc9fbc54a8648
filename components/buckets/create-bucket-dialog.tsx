"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { useResultCall } from "@/components/ui/use-action-state";
import type { Action } from "@/lib/action-result";
import type { AccessKeySummary } from "@/lib/admin-api/access-keys";
import { bucketNameMessage, type BucketSummary } from "@/lib/admin-api/buckets";

export type CreateBucketInput =
  { kind: "global"; globalAlias: string } | { kind: "local"; localAlias: string; accessKeyId: string };

/** A bucket is named by a global alias (everyone's), or a local alias under one key. */
export function CreateBucketDialog({
  open,
  keys,
  onClose,
  onCreate,
}: {
  open: boolean;
  keys: AccessKeySummary[];
  onClose: () => void;
  onCreate: Action<CreateBucketInput, BucketSummary>;
}) {
  const call = useResultCall();
  const [kind, setKind] = useState<"global" | "local">("global");
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get("name") ?? "");
    const input: CreateBucketInput =
      kind === "global"
        ? { kind, globalAlias: name }
        : { kind, localAlias: name, accessKeyId: String(form.get("accessKeyId") ?? "") };
    if ((await call.run(() => onCreate(input))).ok) onClose();
  };
  return (
    <Dialog open={open} title="Create a bucket" onClose={onClose}>
      <form onSubmit={submit} className="flex flex-col gap-3">
        <TextField
          label="Bucket name"
          name="name"
          required
          pattern="[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9]"
          invalidMessage={bucketNameMessage}
          hint="3 to 63 lowercase letters, digits, dots and hyphens."
        />
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 text-sm font-medium">Alias</legend>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="kind"
              value="global"
              checked={kind === "global"}
              onChange={() => setKind("global")}
              className="accent-accent"
            />{" "}
            Global alias (visible to every key)
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="kind"
              value="local"
              checked={kind === "local"}
              onChange={() => setKind("local")}
              className="accent-accent"
            />{" "}
            Local alias under one key
          </label>
        </fieldset>
        {kind === "local" ? (
          <SelectField label="Key" name="accessKeyId" required defaultValue="">
            <option value="" disabled>
              Choose a key
            </option>
            {keys.map((key) => (
              <option key={key.id} value={key.id}>
                {key.name} ({key.id.slice(0, 10)}…)
              </option>
            ))}
          </SelectField>
        ) : null}
        {kind === "local" ? (
          <p className="text-xs text-muted">The key gets read, write and owner rights on the new bucket.</p>
        ) : null}
        {call.error ? <Alert tone="error">{call.error}</Alert> : null}
        <div className="mt-2 flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={call.pending}>
            {call.pending ? "Working…" : "Create bucket"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
