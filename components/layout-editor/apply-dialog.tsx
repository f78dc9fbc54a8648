"use client";

import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { LayoutPreview } from "@/lib/admin-api/layout";
import { formatCount } from "@/lib/format/bytes";
import { formatMaybeBytes } from "@/lib/format/capacity";

/** Applying moves data: the confirmation repeats the preview's figures before anything moves. */
export function ApplyDialog({
  open,
  version,
  preview,
  onCancel,
  onApply,
}: {
  open: boolean;
  version: number;
  preview: LayoutPreview | null;
  onCancel: () => void;
  onApply: () => void;
}) {
  const count = (change: string) => preview?.rows.filter((row) => row.change === change).length ?? 0;
  const nodes = [
    [count("added"), "added"],
    [count("removed"), "removed"],
    [count("changed"), "changed"],
  ].filter(([amount]) => Number(amount) > 0);
  return (
    <Dialog open={open} title={`Apply layout version ${version}?`} onClose={onCancel}>
      {preview ? (
        <dl className="mb-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" data-testid="apply-figures">
          <dt className="text-muted">Partitions moved</dt>
          <dd className="font-semibold tabular-nums">{formatCount(preview.movedPartitions)}</dd>
          <dt className="text-muted">Usable capacity</dt>
          <dd className="font-semibold">
            {formatMaybeBytes(preview.usableBefore)} → {formatMaybeBytes(preview.usableAfter)}
          </dd>
          <dt className="text-muted">Nodes</dt>
          <dd className="font-semibold">
            {nodes.length ? nodes.map(([amount, what]) => `${amount} ${what}`).join(", ") : "none added or removed"}
          </dd>
          <dt className="text-muted">Replication / zone redundancy</dt>
          <dd className="font-semibold">
            {preview.replicationFactor ?? "—"} / {preview.zoneRedundancy ?? "—"}
          </dd>
        </dl>
      ) : null}
      {preview?.warnings.map((warning) => (
        <p key={warning} className="mb-2 rounded-md border border-warn p-2 text-sm text-warn">
          {warning}
        </p>
      ))}
      <p className="mb-4 text-sm">
        The cluster starts moving data to the new assignment at once; the previous version stays readable until every
        node has caught up.
      </p>
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="button" onClick={onApply}>
          Apply version {version}
        </Button>
      </div>
    </Dialog>
  );
}
