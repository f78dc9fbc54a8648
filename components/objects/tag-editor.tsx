"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useResultCall } from "@/components/ui/use-action-state";
import type { ActionResult } from "@/lib/action-result";
import { maxObjectTags } from "@/lib/s3/limits";
import type { ObjectTag } from "@/lib/s3/types";

/** An object's tags as rows of key and value; saving replaces the whole set, as PutObjectTagging does. */
export function TagEditor({
  tags,
  onSave,
}: {
  /** null: the cluster offers no tagging. */
  tags: ObjectTag[] | null;
  onSave: (tags: ObjectTag[]) => Promise<ActionResult<ObjectTag[]>>;
}) {
  const call = useResultCall();
  const [rows, setRows] = useState<ObjectTag[]>(tags ?? []);
  const [saved, setSaved] = useState(false);
  if (tags === null) return <p className="text-xs text-muted">This cluster does not offer object tags.</p>;
  const change = (index: number, field: keyof ObjectTag, value: string) => {
    setSaved(false);
    setRows(rows.map((row, at) => (at === index ? { ...row, [field]: value } : row)));
  };
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const result = await call.run(() => onSave(rows));
    if (result.ok) {
      setRows(result.data);
      setSaved(true);
    }
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-2" aria-label="Tags">
      {rows.length === 0 ? <p className="text-xs text-muted">No tags.</p> : null}
      {rows.map((row, index) => (
        <div key={index} className="flex gap-1">
          <input
            aria-label={`Tag key ${index + 1}`}
            value={row.key}
            onChange={(event) => change(index, "key", event.target.value)}
            placeholder="key"
            className="w-0 flex-1 rounded border border-border bg-background px-2 py-1 font-mono text-xs"
          />
          <input
            aria-label={`Tag value ${index + 1}`}
            value={row.value}
            onChange={(event) => change(index, "value", event.target.value)}
            placeholder="value"
            className="w-0 flex-1 rounded border border-border bg-background px-2 py-1 font-mono text-xs"
          />
          <button
            type="button"
            aria-label={`Remove tag ${index + 1}`}
            onClick={() => (setSaved(false), setRows(rows.filter((_, at) => at !== index)))}
            className="rounded border border-border px-2 text-xs hover:bg-background"
          >
            ×
          </button>
        </div>
      ))}
      <div className="flex gap-2">
        <Button
          type="button"
          variant="ghost"
          disabled={rows.length >= maxObjectTags}
          onClick={() => (setSaved(false), setRows([...rows, { key: "", value: "" }]))}
        >
          Add tag
        </Button>
        <Button type="submit" disabled={call.pending}>
          Save tags
        </Button>
      </div>
      {rows.length >= maxObjectTags ? (
        <p className="text-xs text-muted">{`An object has at most ${maxObjectTags} tags.`}</p>
      ) : null}
      {call.error ? <Alert tone="error">{call.error}</Alert> : null}
      {saved ? <Alert tone="success">Tags saved.</Alert> : null}
    </form>
  );
}
