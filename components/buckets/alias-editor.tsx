"use client";

import { X } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { useResultCall } from "@/components/ui/use-action-state";
import type { Action } from "@/lib/action-result";
import type { AccessKeySummary } from "@/lib/admin-api/access-keys";
import type { BucketDetail } from "@/lib/admin-api/buckets";

export type AliasInput =
  | { kind: "global"; bucketId: string; alias: string }
  | { kind: "local"; bucketId: string; alias: string; accessKeyId: string };

export function AliasEditor({
  bucket,
  keys,
  onAdd,
  onRemove,
}: {
  bucket: BucketDetail;
  keys: AccessKeySummary[];
  onAdd: Action<AliasInput, BucketDetail>;
  onRemove: Action<AliasInput, BucketDetail>;
}) {
  const call = useResultCall();
  const [kind, setKind] = useState<"global" | "local">("global");
  const keyName = (id: string) => keys.find((key) => key.id === id)?.name ?? id.slice(0, 10);
  const add = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const alias = String(form.get("alias") ?? "");
    const input: AliasInput =
      kind === "global"
        ? { kind, bucketId: bucket.id, alias }
        : { kind, bucketId: bucket.id, alias, accessKeyId: String(form.get("accessKeyId") ?? "") };
    if ((await call.run(() => onAdd(input))).ok) formElement.reset();
  };
  const aliases: { label: string; input: AliasInput }[] = [
    ...bucket.globalAliases.map((alias) => ({
      label: `${alias} (global)`,
      input: { kind: "global" as const, bucketId: bucket.id, alias },
    })),
    ...bucket.localAliases.map((local) => ({
      label: `${local.alias} (local to ${keyName(local.accessKeyId)})`,
      input: { kind: "local" as const, bucketId: bucket.id, alias: local.alias, accessKeyId: local.accessKeyId },
    })),
  ];
  return (
    <div className="flex flex-col gap-3">
      <ul className="flex flex-wrap gap-2" aria-label="Aliases">
        {aliases.map(({ label, input }) => (
          <li key={label} className="flex items-center gap-1 rounded-full border border-border px-3 py-0.5 text-sm">
            {label}
            <button
              type="button"
              aria-label={`Remove alias ${label}`}
              onClick={() => call.run(() => onRemove(input))}
              className="rounded p-0.5 text-muted hover:text-bad focus-visible:outline-2 focus-visible:outline-accent"
            >
              <X aria-hidden="true" size={12} />
            </button>
          </li>
        ))}
        {aliases.length === 0 ? (
          <li className="text-sm text-muted">No aliases: clients cannot name this bucket until it has one.</li>
        ) : null}
      </ul>
      <form onSubmit={add} className="flex flex-wrap items-end gap-2">
        <SelectField
          label="Alias kind"
          value={kind}
          onChange={(event) => setKind(event.target.value === "local" ? "local" : "global")}
        >
          <option value="global">Global</option>
          <option value="local">Local to a key</option>
        </SelectField>
        {kind === "local" ? (
          <SelectField label="Key" name="accessKeyId" required defaultValue="">
            <option value="" disabled>
              Choose a key
            </option>
            {keys.map((key) => (
              <option key={key.id} value={key.id}>
                {key.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <TextField label="New alias" name="alias" required />
        <Button type="submit" disabled={call.pending}>
          Add alias
        </Button>
      </form>
      {call.error ? <Alert tone="error">{call.error}</Alert> : null}
    </div>
  );
}
