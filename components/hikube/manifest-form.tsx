"use client";

import { useState, type ChangeEvent, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";
import { useResultCall } from "@/components/ui/use-action-state";
import type { Action } from "@/lib/action-result";

const example = `apiVersion: apps.cozystack.io/v1alpha1
kind: Bucket
metadata:
  name: backup-prod
`;

/** Hikube's way to make a bucket: paste the Bucket manifest, or upload its file, as YAML or JSON. */
export function ManifestForm({
  create,
  onCreated,
}: {
  create: Action<{ manifest: string }, { name: string; tenantId: string }>;
  onCreated: (created: { name: string; tenantId: string }) => void;
}) {
  const [text, setText] = useState("");
  const call = useResultCall();
  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) setText(await file.text());
  };
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = await call.run(() => create({ manifest: text }));
    if (result.ok) onCreated(result.data);
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-3">
      <TextAreaField
        label="Bucket manifest"
        hint="apiVersion apps.cozystack.io/v1alpha1, kind Bucket, metadata.name; no spec. YAML or JSON."
        rows={8}
        value={text}
        placeholder={example}
        onChange={(event) => setText(event.target.value)}
      />
      <label className="flex flex-col gap-1 text-sm font-medium">
        Or upload the manifest file
        <input type="file" accept=".yaml,.yml,.json,application/yaml,application/json" onChange={upload} />
      </label>
      {call.error ? <Alert tone="error">{call.error}</Alert> : null}
      <div>
        <Button type="submit" disabled={call.pending}>
          {call.pending ? "Applying…" : "Apply the manifest"}
        </Button>
      </div>
    </form>
  );
}
