"use client";

import { Check, LoaderCircle, TriangleAlert } from "lucide-react";
import { cellKey, permissionFlags, type PermissionFlag, type Permissions } from "@/lib/admin-api/permissions";
import type { PermissionToggle } from "./permission-matrix";
import type { CellOutcome } from "./use-permission-toggles";

export const flagLetters: Record<PermissionFlag, string> = { read: "R", write: "W", owner: "O" };

/** What the letters mean, shown above the matrix. */
export const flagMeanings: Record<PermissionFlag, string> = {
  read: "read objects",
  write: "write and delete objects",
  owner: "owner: the bucket's settings (aliases, website, CORS, lifecycle)",
};

/**
 * One key × bucket cell: a box per right, then the last change's outcome (saving,
 * saved, or failed with what failed). The console's own key is shown, not changed here:
 * the object browser grants it what it needs.
 */
export function PermissionCell({
  accessKey,
  bucket,
  cell,
  pending,
  outcome,
  frozen = false,
  onToggle,
}: {
  accessKey: { id: string; name: string; consoleKey?: boolean };
  bucket: { id: string; name: string };
  cell: Permissions;
  pending: ReadonlySet<string>;
  outcome: CellOutcome | undefined;
  /** Disabled for now (another page of the matrix is loading). */
  frozen?: boolean;
  onToggle: ((toggle: PermissionToggle) => void) | null;
}) {
  if (!onToggle) return <ReadOnlyCell accessKey={accessKey} bucket={bucket} cell={cell} />;
  const id = cellKey(bucket.id, accessKey.id);
  const readOnly = accessKey.consoleKey === true;
  return (
    <td className="p-2" data-testid="permission-cell" data-outcome={outcome?.state ?? "none"}>
      <div className="flex items-center gap-2">
        {permissionFlags.map((flag) => (
          <label
            key={flag}
            className="flex items-center gap-0.5 text-xs"
            title={
              readOnly
                ? "The console's own key: granted by the object browser"
                : `${flag} for ${accessKey.name} on ${bucket.name}`
            }
          >
            <input
              type="checkbox"
              className="size-4 accent-accent"
              checked={cell[flag]}
              disabled={readOnly || frozen}
              aria-busy={pending.has(`${id}/${flag}`)}
              aria-label={`${flag} for ${accessKey.name} on ${bucket.name}`}
              onChange={(event) =>
                onToggle({ bucketId: bucket.id, accessKeyId: accessKey.id, flag, granted: event.target.checked })
              }
            />
            <span aria-hidden="true">{flagLetters[flag]}</span>
          </label>
        ))}
        <OutcomeMark outcome={outcome} />
      </div>
    </td>
  );
}

/** A viewer's cell: the rights as letters, said in full to screen readers. */
function ReadOnlyCell({
  accessKey,
  bucket,
  cell,
}: {
  accessKey: { name: string };
  bucket: { name: string };
  cell: Permissions;
}) {
  const granted = permissionFlags.filter((flag) => cell[flag]);
  return (
    <td className="p-2 text-xs">
      <span aria-hidden="true">{granted.map((flag) => flagLetters[flag]).join(" ") || "—"}</span>
      <span className="sr-only">{`${accessKey.name} on ${bucket.name}: ${granted.join(", ") || "no rights"}`}</span>
    </td>
  );
}

function OutcomeMark({ outcome }: { outcome: CellOutcome | undefined }) {
  if (!outcome) return <span className="size-3.5" aria-hidden="true" />;
  if (outcome.state === "saving")
    return (
      <span className="text-muted" title="Saving">
        <LoaderCircle aria-hidden="true" size={14} className="animate-spin" />
        <span className="sr-only">Saving</span>
      </span>
    );
  if (outcome.state === "saved")
    return (
      <span className="text-ok" title="Saved">
        <Check aria-hidden="true" size={14} />
        <span className="sr-only">Saved</span>
      </span>
    );
  return (
    <span className="text-bad" title={outcome.message}>
      <TriangleAlert aria-hidden="true" size={14} />
      <span className="sr-only">{outcome.message}</span>
    </span>
  );
}
