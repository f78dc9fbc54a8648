"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useResultCall } from "@/components/ui/use-action-state";
import type { Action } from "@/lib/action-result";
import { shortNodeId } from "@/lib/admin-api/cluster";
import type { BlockErrorView } from "@/lib/admin-api/maintenance";

export interface BlockErrorActions {
  retry: Action<{ hashes: string[] | "all" }, number>;
  purge: Action<{ hashes: string[] }, { objectsDeleted: number }>;
}

/** ListBlockErrors of every node: each block with where it is missing, a retry, and a purge behind a confirmation. */
export function BlockErrors({
  errors,
  actions,
  onChanged,
}: {
  errors: BlockErrorView[];
  actions: BlockErrorActions;
  onChanged: () => void;
}) {
  const call = useResultCall();
  const [purging, setPurging] = useState<string | null>(null);
  const retry = async (hashes: string[] | "all") => {
    if ((await call.run(() => actions.retry({ hashes }))).ok) onChanged();
  };
  if (errors.length === 0) return <p className="text-sm text-muted">No block is in error.</p>;
  return (
    <div className="flex flex-col gap-3">
      {call.error ? <Alert tone="error">{call.error}</Alert> : null}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="block-errors">
          <thead className="text-xs text-muted">
            <tr>
              <th scope="col" className="py-1 pr-3">
                Block
              </th>
              <th scope="col" className="py-1 pr-3">
                Missing or bad on
              </th>
              <th scope="col" className="py-1 pr-3">
                References
              </th>
              <th scope="col" className="py-1 pr-3">
                Failed tries
              </th>
              <th scope="col" className="py-1 pr-3">
                Next try
              </th>
              <th scope="col" className="py-1">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {errors.map((error) => (
              <tr key={error.hash} className="border-t border-border">
                <th scope="row" className="py-1.5 pr-3 font-normal">
                  <code title={error.hash}>{error.hash.slice(0, 16)}</code>
                </th>
                <td className="py-1.5 pr-3">{error.nodeIds.map(shortNodeId).join(", ")}</td>
                <td className="py-1.5 pr-3 tabular-nums">{error.refcount}</td>
                <td className="py-1.5 pr-3 tabular-nums">{error.errorCount}</td>
                <td className="py-1.5 pr-3 tabular-nums">in {error.nextTryInSecs} s</td>
                <td className="flex gap-2 py-1.5">
                  <Button
                    type="button"
                    variant="ghost"
                    disabled={call.pending}
                    aria-label={`Retry block ${error.hash.slice(0, 16)}`}
                    onClick={() => retry([error.hash])}
                  >
                    Retry
                  </Button>
                  <Button
                    type="button"
                    variant="ghost"
                    className="text-bad"
                    aria-label={`Purge block ${error.hash.slice(0, 16)}`}
                    onClick={() => setPurging(error.hash)}
                  >
                    Purge
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Button type="button" variant="ghost" className="self-start" disabled={call.pending} onClick={() => retry("all")}>
        Retry every block now
      </Button>
      <ConfirmDialog
        open={purging !== null}
        title={`Purge block ${purging?.slice(0, 16) ?? ""}?`}
        body="Every object and upload that uses this block is deleted, then the block itself. Do this only for data that is lost for good: it cannot be undone."
        confirmLabel="Delete the objects and the block"
        onClose={() => setPurging(null)}
        onConfirm={async () => {
          const result = await actions.purge({ hashes: purging ? [purging] : [] });
          if (result.ok) onChanged();
          return result;
        }}
      />
    </div>
  );
}
