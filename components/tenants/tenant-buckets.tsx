"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { Action } from "@/lib/action-result";
import { formatBytes, formatCount, usageText } from "@/lib/format/bytes";
import type { ScopedBucket } from "@/lib/tenancy/types";

export interface TenantBucketActions {
  empty: Action<{ bucketId: string }, { deletedObjects: number; abortedUploads: number }>;
  remove: Action<{ bucketId: string }, unknown>;
}

/** A tenant's buckets on its tenant page; an admin empties and deletes them before deleting the tenant. */
export function TenantBuckets({ buckets, actions }: { buckets: ScopedBucket[]; actions: TenantBucketActions | null }) {
  const [emptying, setEmptying] = useState<ScopedBucket | null>(null);
  const [deleting, setDeleting] = useState<ScopedBucket | null>(null);
  if (buckets.length === 0) return <p className="text-sm text-muted">This tenant owns no buckets.</p>;
  return (
    <>
      <ul className="flex flex-col gap-2" aria-label="Buckets of this tenant">
        {buckets.map((bucket) => (
          <li
            key={bucket.id}
            aria-label={bucket.name}
            className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-border p-3"
          >
            <div>
              <Link href={`/buckets/${bucket.id}`} className="font-semibold text-accent underline">
                {bucket.name}
              </Link>
              <p className="text-xs text-muted">
                {formatCount(bucket.objects)} objects ·{" "}
                {usageText(bucket.bytes, bucket.quotas.maxSizeBytes, formatBytes)}
              </p>
            </div>
            {actions ? (
              <div className="flex gap-2">
                <Button type="button" variant="ghost" onClick={() => setEmptying(bucket)}>
                  Empty {bucket.name}
                </Button>
                <Button type="button" variant="ghost" onClick={() => setDeleting(bucket)}>
                  Delete {bucket.name}
                </Button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {actions ? (
        <>
          <ConfirmDialog
            open={emptying !== null}
            title={`Empty ${emptying?.name ?? "bucket"}?`}
            body="Every object and unfinished upload in it is deleted. This cannot be undone."
            confirmLabel="Empty bucket"
            onClose={() => setEmptying(null)}
            onConfirm={() => actions.empty({ bucketId: emptying?.id ?? "" })}
          />
          <ConfirmDialog
            open={deleting !== null}
            title={`Delete ${deleting?.name ?? "bucket"}?`}
            body="The bucket goes, and its quota returns to the tenant's allowance. A bucket that holds objects is refused: empty it first."
            confirmLabel="Delete bucket"
            onClose={() => setDeleting(null)}
            onConfirm={() => actions.remove({ bucketId: deleting?.id ?? "" })}
          />
        </>
      ) : null}
    </>
  );
}
