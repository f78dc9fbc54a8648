"use client";

import { Alert } from "./alert";
import { Button } from "./button";
import { Dialog } from "./dialog";
import { useResultCall } from "./use-action-state";

/** A destructive confirmation: names the thing, says what happens, one clear button. */
export function ConfirmDialog({
  open,
  title,
  body,
  confirmLabel,
  onClose,
  onConfirm,
}: {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  onClose: () => void;
  onConfirm: () => Promise<{ ok: true; data: unknown } | { ok: false; error: string; code?: string }>;
}) {
  const call = useResultCall();
  const confirm = async () => {
    if ((await call.run(onConfirm)).ok) onClose();
  };
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <p className="mb-4 text-sm">{body}</p>
      {call.error ? <Alert tone="error">{call.error}</Alert> : null}
      <div className="mt-3 flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={onClose}>
          Cancel
        </Button>
        <Button type="button" onClick={confirm} disabled={call.pending} className="border-bad bg-bad text-white">
          {call.pending ? "Working…" : confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}
