"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CheckboxField, TextField } from "@/components/ui/field";
import type { Action } from "@/lib/action-result";
import { useRuleRows } from "./use-rule-rows";
import { lifecycleRow, lifecycleRule, type LifecycleRow } from "@/lib/admin-api/buckets-rules";
import type { BucketDetail, LifecycleRule } from "@/lib/admin-api/buckets";

/**
 * Lifecycle rules: expire objects under a prefix after N days, abort stale multipart uploads.
 * What the editor does not show (size filters, And, an expiry date) is kept on save.
 */
export function LifecycleEditor({
  bucket,
  onSave,
}: {
  bucket: BucketDetail;
  onSave: Action<{ bucketId: string; rules: LifecycleRule[] }, BucketDetail>;
}) {
  const { rows, saved, call, add, remove, update, save } = useRuleRows<LifecycleRow>(
    bucket.lifecycleRules.map(lifecycleRow),
    (current) => onSave({ bucketId: bucket.id, rules: current.map(lifecycleRule) }),
  );
  return (
    <div className="flex flex-col gap-3">
      {rows.map((row, index) => (
        <fieldset key={index} className="grid gap-2 rounded-md border border-border p-3 sm:grid-cols-2">
          <legend className="px-1 text-sm font-medium">Lifecycle rule {index + 1}</legend>
          <TextField label="Rule id" value={row.id} onChange={(event) => update(index, { id: event.target.value })} />
          <TextField
            label="Key prefix"
            value={row.prefix}
            placeholder="Every object"
            onChange={(event) => update(index, { prefix: event.target.value })}
          />
          <TextField
            label="Expire objects after (days)"
            type="number"
            min={1}
            value={row.expireDays}
            onChange={(event) => update(index, { expireDays: event.target.value })}
          />
          <TextField
            label="Abort incomplete uploads after (days)"
            type="number"
            min={1}
            value={row.abortDays}
            onChange={(event) => update(index, { abortDays: event.target.value })}
          />
          <CheckboxField
            label={`Lifecycle rule ${index + 1} enabled`}
            checked={row.enabled}
            onChange={(event) => update(index, { enabled: event.target.checked })}
          />
          <div>
            <Button type="button" variant="ghost" onClick={() => remove(index)}>
              Remove lifecycle rule {index + 1}
            </Button>
          </div>
        </fieldset>
      ))}
      {rows.length === 0 ? <p className="text-sm text-muted">No lifecycle rules: objects stay until deleted.</p> : null}
      <div className="flex gap-2">
        <Button
          type="button"
          variant="ghost"
          onClick={() =>
            add({
              source: null,
              id: `rule-${rows.length + 1}`,
              enabled: true,
              prefix: "",
              expireDays: "30",
              abortDays: "7",
            })
          }
        >
          Add lifecycle rule
        </Button>
        <Button type="button" onClick={save} disabled={call.pending}>
          Save lifecycle rules
        </Button>
      </div>
      {call.error ? <Alert tone="error">{call.error}</Alert> : null}
      {saved ? <Alert tone="success">Lifecycle rules saved.</Alert> : null}
    </div>
  );
}
