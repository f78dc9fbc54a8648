"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { useResultCall } from "@/components/ui/use-action-state";
import type { Action } from "@/lib/action-result";
import type { BucketDetail } from "@/lib/admin-api/buckets";
import { isSizeUnit, sizeUnits, splitBytes, toBytes } from "@/lib/format/bytes";

export type QuotaInput = { bucketId: string; maxSizeBytes: number | null; maxObjects: number | null };

/** Max size (with units) and max objects; an empty field means no limit. */
export function QuotaForm({ bucket, onSave }: { bucket: BucketDetail; onSave: Action<QuotaInput, BucketDetail> }) {
  const call = useResultCall();
  const [saved, setSaved] = useState(false);
  const initial = bucket.quotas.maxSizeBytes === null ? null : splitBytes(bucket.quotas.maxSizeBytes);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const form = new FormData(event.currentTarget);
    const size = String(form.get("maxSize") ?? "").trim();
    const unit = String(form.get("unit") ?? "GB");
    const objects = String(form.get("maxObjects") ?? "").trim();
    const input = {
      bucketId: bucket.id,
      maxSizeBytes: size === "" ? null : toBytes(Number(size), isSizeUnit(unit) ? unit : "GB"),
      maxObjects: objects === "" ? null : Number(objects),
    };
    if ((await call.run(() => onSave(input))).ok) setSaved(true);
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-2">
        <TextField
          label="Maximum size"
          name="maxSize"
          type="number"
          min={0}
          step="any"
          inputMode="decimal"
          defaultValue={initial?.amount ?? ""}
          placeholder="No limit"
          className="w-36"
        />
        <SelectField label="Size unit" name="unit" defaultValue={initial?.unit ?? "GB"}>
          {Object.keys(sizeUnits).map((unit) => (
            <option key={unit} value={unit}>
              {unit}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Maximum objects"
          name="maxObjects"
          type="number"
          min={0}
          step={1}
          defaultValue={bucket.quotas.maxObjects ?? ""}
          placeholder="No limit"
          className="w-40"
        />
        <Button type="submit" disabled={call.pending}>
          Save quotas
        </Button>
      </div>
      {call.error ? <Alert tone="error">{call.error}</Alert> : null}
      {saved ? <Alert tone="success">Quotas saved.</Alert> : null}
    </form>
  );
}
