"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useResultCall } from "@/components/ui/use-action-state";
import type { Action } from "@/lib/action-result";
import type { BucketDetail } from "@/lib/admin-api/buckets";
import { formatCount } from "@/lib/format/bytes";

/**
 * Delete, and when the cluster refuses because objects remain, say how many and offer
 * to empty the bucket first (through S3, after a second confirmation).
 */
export function DeleteBucket({
  bucket,
  onDelete,
  onEmpty,
  onDeleted,
}: {
  bucket: BucketDetail;
  onDelete: Action<{ bucketId: string }, unknown>;
  onEmpty: Action<{ bucketId: string }, { deletedObjects: number; abortedUploads: number }>;
  onDeleted: () => void;
}) {
  const call = useResultCall();
  const [confirming, setConfirming] = useState<"delete" | "empty" | null>(null);
  const [emptied, setEmptied] = useState<string | null>(null);
  const remove = async () => {
    const result = await call.run(() => onDelete({ bucketId: bucket.id }));
    if (result.ok) onDeleted();
    return { ok: true as const, data: null };
  };
  const empty = async () => {
    const result = await onEmpty({ bucketId: bucket.id });
    if (result.ok) {
      setEmptied(
        `Deleted ${formatCount(result.data.deletedObjects)} objects and ${formatCount(result.data.abortedUploads)} unfinished uploads. The bucket can be deleted now.`,
      );
      call.clearError();
    }
    return result;
  };
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-2">
        <Button type="button" onClick={() => setConfirming("delete")} className="border-bad bg-bad text-white">
          Delete bucket
        </Button>
        {call.errorCode === "BucketNotEmpty" ? (
          <Button type="button" variant="ghost" onClick={() => setConfirming("empty")}>
            Empty the bucket first
          </Button>
        ) : null}
      </div>
      {call.error ? (
        <Alert tone="error">
          {call.errorCode === "BucketNotEmpty" ? `${call.error} Delete them, or empty the bucket first.` : call.error}
        </Alert>
      ) : null}
      {emptied ? <Alert tone="success">{emptied}</Alert> : null}
      <ConfirmDialog
        open={confirming === "delete"}
        title={`Delete ${bucket.name}?`}
        body="The bucket and all its aliases go away. Only an empty bucket can be deleted."
        confirmLabel="Delete bucket"
        onClose={() => setConfirming(null)}
        onConfirm={remove}
      />
      <ConfirmDialog
        open={confirming === "empty"}
        title={`Empty ${bucket.name}?`}
        body={`Every object in ${bucket.name} (${formatCount(bucket.objects)} now) and every unfinished upload will be deleted for good.`}
        confirmLabel="Delete all objects"
        onClose={() => setConfirming(null)}
        onConfirm={empty}
      />
    </div>
  );
}
