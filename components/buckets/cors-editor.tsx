"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { Action } from "@/lib/action-result";
import { useRuleRows } from "./use-rule-rows";
import { corsRow, corsRule, type CorsRow } from "@/lib/admin-api/buckets-rules";
import type { BucketDetail, CorsRule } from "@/lib/admin-api/buckets";

/** CORS rules as S3 has them; saving replaces the whole list (an empty list removes CORS); untouched fields are kept. */
export function CorsEditor({
  bucket,
  onSave,
}: {
  bucket: BucketDetail;
  onSave: Action<{ bucketId: string; rules: CorsRule[] }, BucketDetail>;
}) {
  const { rows, saved, call, add, remove, update, save } = useRuleRows<CorsRow>(
    bucket.corsRules.map(corsRow),
    (current) => onSave({ bucketId: bucket.id, rules: current.map(corsRule) }),
  );
  return (
    <div className="flex flex-col gap-3">
      {rows.map((row, index) => (
        <fieldset key={index} className="grid gap-2 rounded-md border border-border p-3 sm:grid-cols-3">
          <legend className="px-1 text-sm font-medium">CORS rule {index + 1}</legend>
          <TextField label="Rule id" value={row.id} onChange={(event) => update(index, { id: event.target.value })} />
          <TextField
            label="Allowed origins"
            value={row.origins}
            placeholder="https://app.example.com, *"
            onChange={(event) => update(index, { origins: event.target.value })}
          />
          <TextField
            label="Allowed methods"
            value={row.methods}
            placeholder="GET, PUT"
            onChange={(event) => update(index, { methods: event.target.value })}
          />
          <TextField
            label="Allowed headers"
            value={row.headers}
            placeholder="*"
            onChange={(event) => update(index, { headers: event.target.value })}
          />
          <TextField
            label="Exposed headers"
            value={row.expose}
            placeholder="ETag"
            onChange={(event) => update(index, { expose: event.target.value })}
          />
          <TextField
            label="Max age (seconds)"
            type="number"
            min={0}
            value={row.maxAge}
            onChange={(event) => update(index, { maxAge: event.target.value })}
          />
          <div className="sm:col-span-3">
            <Button type="button" variant="ghost" onClick={() => remove(index)}>
              Remove CORS rule {index + 1}
            </Button>
          </div>
        </fieldset>
      ))}
      {rows.length === 0 ? (
        <p className="text-sm text-muted">No CORS rules: browsers on other origins cannot call this bucket.</p>
      ) : null}
      <div className="flex gap-2">
        <Button
          type="button"
          variant="ghost"
          onClick={() =>
            add({
              source: null,
              id: `rule-${rows.length + 1}`,
              origins: "*",
              methods: "GET, HEAD",
              headers: "*",
              expose: "ETag",
              maxAge: "3600",
            })
          }
        >
          Add CORS rule
        </Button>
        <Button type="button" onClick={save} disabled={call.pending}>
          Save CORS rules
        </Button>
      </div>
      {call.error ? <Alert tone="error">{call.error}</Alert> : null}
      {saved ? <Alert tone="success">CORS rules saved.</Alert> : null}
    </div>
  );
}
