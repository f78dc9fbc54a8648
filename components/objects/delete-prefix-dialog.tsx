"use client";

import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useResultCall } from "@/components/ui/use-action-state";
import type { Action, ActionResult } from "@/lib/action-result";
import { formatBytes, formatCount } from "@/lib/format/bytes";
import type { PrefixCount } from "@/lib/s3/types";

/**
 * Deleting a folder: count what is under it first and say so, then delete on
 * confirmation (the server deletes in batches of 1000).
 */
export function DeletePrefixDialog({
  prefix,
  onClose,
  count,
  remove,
  onDeleted,
}: {
  prefix: string | null;
  onClose: () => void;
  count: Action<{ prefix: string }, PrefixCount>;
  remove: Action<{ prefix: string }, { deleted: number }>;
  onDeleted: (deleted: number) => void;
}) {
  const [answer, setAnswer] = useState<{ prefix: string; result: ActionResult<PrefixCount> } | null>(null);
  const deleting = useResultCall();
  useEffect(() => {
    if (prefix === null) return;
    let current = true;
    count({ prefix }).then(
      (result) => current && setAnswer({ prefix, result }),
      () => current && setAnswer({ prefix, result: { ok: false, error: "The console could not be reached." } }),
    );
    return () => {
      current = false;
    };
  }, [prefix, count]);
  // An answer for another folder (the dialog was reopened) is no answer yet.
  const result = answer && answer.prefix === prefix ? answer.result : null;
  const counted = result?.ok ? result.data : null;
  const close = () => {
    setAnswer(null);
    deleting.clearError();
    onClose();
  };
  const confirm = async () => {
    if (prefix === null) return;
    const result = await deleting.run(() => remove({ prefix }));
    if (result.ok) {
      onDeleted(result.data.deleted);
      close();
    }
  };
  const summary = counted
    ? `${counted.truncated ? "At least " : ""}${formatCount(counted.objects)} object${counted.objects === 1 ? "" : "s"} (${formatBytes(counted.sizeBytes)})`
    : null;
  return (
    <Dialog open={prefix !== null} title="Delete folder" onClose={close}>
      <div className="flex flex-col gap-3 text-sm">
        <p className="break-all">
          Everything under <span className="font-mono">{prefix}</span> will be deleted. This cannot be undone.
        </p>
        {prefix !== null && result === null ? <p className="text-muted">Counting the objects in this folder…</p> : null}
        {summary ? (
          <p data-testid="prefix-count" className="font-semibold">
            {summary} will be deleted.
          </p>
        ) : null}
        {result && !result.ok ? <Alert tone="error">{result.error}</Alert> : null}
        {deleting.error ? <Alert tone="error">{deleting.error}</Alert> : null}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={close}>
            Cancel
          </Button>
          <Button
            type="button"
            onClick={confirm}
            disabled={!counted || deleting.pending}
            className="border-bad bg-bad text-white"
          >
            {deleting.pending ? "Deleting…" : counted ? `Delete ${formatCount(counted.objects)} objects` : "Delete"}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
