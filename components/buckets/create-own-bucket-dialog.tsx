"use client";

import type { FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { useResultCall } from "@/components/ui/use-action-state";
import type { Action } from "@/lib/action-result";
import { bucketNameMessage, type BucketSummary } from "@/lib/admin-api/buckets";
import { formatBytes, isSizeUnit, sizeUnits, toBytes } from "@/lib/format/bytes";

export interface OwnBucketInput {
  name: string;
  /** null: the tenant's default quota, capped at what is left of its byte limit. */
  quotaBytes: number | null;
}

/** A tenant's new bucket: a name (its S3 name too) and a quota within what is left of its limit. */
export function CreateOwnBucketDialog({
  open,
  defaultQuotaBytes,
  onClose,
  onCreate,
}: {
  open: boolean;
  defaultQuotaBytes: number;
  onClose: () => void;
  onCreate: Action<OwnBucketInput, BucketSummary>;
}) {
  const call = useResultCall();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const size = String(form.get("quota") ?? "").trim();
    const unit = String(form.get("unit") ?? "GiB");
    const input = {
      name: String(form.get("name") ?? ""),
      quotaBytes: size === "" ? null : toBytes(Number(size), isSizeUnit(unit) ? unit : "GiB"),
    };
    if ((await call.run(() => onCreate(input))).ok) onClose();
  };
  return (
    <Dialog open={open} title="Create a bucket" onClose={onClose}>
      <form onSubmit={submit} className="flex flex-col gap-3">
        <TextField
          label="Bucket name"
          name="name"
          required
          autoFocus
          pattern="[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9]"
          invalidMessage={bucketNameMessage}
          hint="3 to 63 lowercase letters, digits, dots and hyphens. Clients use this name."
        />
        <div className="flex flex-wrap items-end gap-2">
          <TextField
            label="Quota"
            name="quota"
            type="number"
            min={0}
            step="any"
            inputMode="decimal"
            placeholder={formatBytes(defaultQuotaBytes)}
            className="w-36"
          />
          <SelectField label="Quota unit" name="unit" defaultValue="GiB">
            {Object.keys(sizeUnits).map((unit) => (
              <option key={unit} value={unit}>
                {unit}
              </option>
            ))}
          </SelectField>
        </div>
        <p className="text-xs text-muted">
          Empty: {formatBytes(defaultQuotaBytes)}, or what is left of your limit if less.
        </p>
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
