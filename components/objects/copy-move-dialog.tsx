"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { CheckboxField, SelectField, TextField } from "@/components/ui/field";
import { useResultCall } from "@/components/ui/use-action-state";
import type { Action } from "@/lib/action-result";
import { formatCount } from "@/lib/format/bytes";

export interface CopyTarget {
  targetBucketId: string;
  targetPrefix: string;
  move: boolean;
}

/** Copy (or move: copy, then delete) the selected objects into a folder of any bucket. */
export function CopyMoveDialog({
  keys,
  buckets,
  currentBucketId,
  currentPrefix,
  onClose,
  copy,
  onDone,
}: {
  keys: string[] | null;
  buckets: { id: string; name: string }[];
  currentBucketId: string;
  currentPrefix: string;
  onClose: () => void;
  copy: Action<CopyTarget, { copied: number }>;
  onDone: (target: CopyTarget, copied: number) => void;
}) {
  const [targetBucketId, setTargetBucketId] = useState(currentBucketId);
  const [targetPrefix, setTargetPrefix] = useState(currentPrefix);
  const [move, setMove] = useState(false);
  const call = useResultCall();
  const count = keys?.length ?? 0;
  const submit = async () => {
    const target = { targetBucketId, targetPrefix, move };
    const result = await call.run(() => copy(target));
    if (result.ok) {
      onDone(target, result.data.copied);
      onClose();
    }
  };
  return (
    <Dialog
      open={keys !== null}
      title={`Copy or move ${formatCount(count)} object${count === 1 ? "" : "s"}`}
      onClose={onClose}
    >
      <form
        className="flex flex-col gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <SelectField
          label="Target bucket"
          value={targetBucketId}
          onChange={(event) => setTargetBucketId(event.target.value)}
        >
          {buckets.map((bucket) => (
            <option key={bucket.id} value={bucket.id}>
              {bucket.name}
              {bucket.id === currentBucketId ? " (this bucket)" : ""}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Target folder"
          value={targetPrefix}
          onChange={(event) => setTargetPrefix(event.target.value)}
          placeholder="photos/2024/"
          hint="Objects keep their file names; leave empty for the bucket's root."
        />
        <CheckboxField
          label="Move (delete the originals after copying)"
          checked={move}
          onChange={(event) => setMove(event.target.checked)}
        />
        {call.error ? <Alert tone="error">{call.error}</Alert> : null}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={call.pending || count === 0}>
            {call.pending ? "Working…" : move ? "Move" : "Copy"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
