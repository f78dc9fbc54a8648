"use client";

import { Button } from "@/components/ui/button";
import { shortNodeId } from "@/lib/admin-api/cluster";
import type { LayoutRole, StagedChange } from "@/lib/admin-api/layout";
import { formatMaybeBytes } from "@/lib/format/capacity";

/** The current roles, each with a "stage removal" control, and what is staged. */
export function RolesList({
  roles,
  onRemove,
  pending,
}: {
  roles: LayoutRole[];
  onRemove: (id: string) => void;
  pending: boolean;
}) {
  return (
    <ul className="flex flex-col divide-y divide-border text-sm">
      {roles.map((role) => (
        <li key={role.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 py-2">
          <code className="font-semibold">{shortNodeId(role.id)}</code>
          <span>zone {role.zone}</span>
          <span>{role.capacityBytes === null ? "gateway" : formatMaybeBytes(role.capacityBytes)}</span>
          <span className="text-muted">{role.storedPartitions ?? 0} partitions</span>
          {role.tags.length ? <span className="text-muted">{role.tags.join(", ")}</span> : null}
          <Button
            type="button"
            variant="ghost"
            className="ml-auto"
            disabled={pending}
            onClick={() => onRemove(role.id)}
            aria-label={`Remove node ${shortNodeId(role.id)} (staged until applied)`}
          >
            Remove
          </Button>
        </li>
      ))}
    </ul>
  );
}

export function StagedList({ staged, stagedRedundancy }: { staged: StagedChange[]; stagedRedundancy: string | null }) {
  if (staged.length === 0 && !stagedRedundancy) return <p className="text-sm text-muted">Nothing staged.</p>;
  return (
    <ul className="flex flex-col gap-1 text-sm" data-testid="staged-changes">
      {staged.map((change) => (
        <li key={change.id}>
          <code>{shortNodeId(change.id)}</code>{" "}
          {change.remove ? (
            <strong className="text-bad">remove</strong>
          ) : (
            `→ zone ${change.zone}, ${change.capacityBytes === null ? "gateway" : formatMaybeBytes(change.capacityBytes)}${change.tags.length ? `, tags ${change.tags.join(", ")}` : ""}`
          )}
        </li>
      ))}
      {stagedRedundancy ? <li>Zone redundancy → {stagedRedundancy}</li> : null}
    </ul>
  );
}
