"use client";

import { TextField } from "@/components/ui/field";
import { PublicBadge } from "@/components/buckets/public-badge";
import { Pager } from "@/components/ui/pager";
import { useSearchPages } from "@/components/ui/use-search-pages";
import {
  cellKey,
  noPermissions,
  permissionFlags,
  type PermissionFlag,
  type PermissionMatrix as Matrix,
} from "@/lib/admin-api/permissions";
import type { AccessKeySummary } from "@/lib/admin-api/access-keys";

export interface PermissionToggle {
  bucketId: string;
  accessKeyId: string;
  flag: PermissionFlag;
  granted: boolean;
}

const keysPerPage = 20;
const bucketsPerPage = 6;
const flagLetters: Record<PermissionFlag, string> = { read: "R", write: "W", owner: "O" };

function matchesNameOrId(item: { name: string; id: string }, query: string): boolean {
  const needle = query.trim().toLowerCase();
  return !needle || item.name.toLowerCase().includes(needle) || item.id.toLowerCase().startsWith(needle);
}

/**
 * Keys (rows) × buckets (columns), read / write / owner per cell, each a checkbox that
 * changes at once. Both axes filter by text and page, so 200 × 200 stays a small table.
 * Without `onToggle` (a viewer) each cell shows its rights as text.
 */
export function PermissionMatrix({
  matrix,
  pending,
  onToggle,
}: {
  matrix: Matrix;
  pending: ReadonlySet<string>;
  onToggle: ((toggle: PermissionToggle) => void) | null;
}) {
  const keys = useSearchPages(matrix.keys, matchesNameOrId, keysPerPage);
  const buckets = useSearchPages(matrix.buckets, matchesNameOrId, bucketsPerPage);
  return (
    <div className="flex flex-col gap-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label="Filter keys"
          type="search"
          placeholder="Key name or id"
          value={keys.query}
          onChange={(event) => keys.search(event.target.value)}
        />
        <TextField
          label="Filter buckets"
          type="search"
          placeholder="Bucket name or id"
          value={buckets.query}
          onChange={(event) => buckets.search(event.target.value)}
        />
      </div>
      <div className="flex flex-wrap justify-between gap-2">
        <Pager
          label="Key rows"
          page={keys.page}
          pageSize={keysPerPage}
          total={keys.matching.length}
          onPage={keys.setPage}
        />
        <Pager
          label="Bucket columns"
          page={buckets.page}
          pageSize={bucketsPerPage}
          total={buckets.matching.length}
          onPage={buckets.setPage}
        />
      </div>
      <div className="overflow-x-auto rounded-lg border border-border bg-surface">
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">Permissions of access keys on buckets: R read, W write, O owner</caption>
          <thead>
            <tr>
              <th scope="col" className="sticky left-0 bg-surface p-2 text-left">
                Key
              </th>
              {buckets.shown.map((bucket) => (
                <th
                  key={bucket.id}
                  scope="col"
                  className="max-w-40 truncate p-2 text-left font-mono text-xs"
                  title={bucket.id}
                >
                  {bucket.name}
                  {bucket.public ? <PublicBadge /> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {keys.shown.map((key) => (
              <KeyRow
                key={key.id}
                accessKey={key}
                buckets={buckets.shown}
                matrix={matrix}
                pending={pending}
                onToggle={onToggle}
              />
            ))}
          </tbody>
        </table>
      </div>
      {keys.matching.length === 0 || buckets.matching.length === 0 ? (
        <p className="text-sm text-muted">No {keys.matching.length === 0 ? "keys" : "buckets"} match the filter.</p>
      ) : null}
    </div>
  );
}

/** One key's row: a read, write and owner box per bucket on the shown page. */
function KeyRow({
  accessKey,
  buckets,
  matrix,
  pending,
  onToggle,
}: {
  accessKey: AccessKeySummary;
  buckets: Matrix["buckets"];
  matrix: Matrix;
  pending: ReadonlySet<string>;
  onToggle: ((toggle: PermissionToggle) => void) | null;
}) {
  return (
    <tr className="border-t border-border">
      <th
        scope="row"
        className="sticky left-0 max-w-48 truncate bg-surface p-2 text-left font-medium"
        title={accessKey.id}
      >
        {accessKey.name}
      </th>
      {buckets.map((bucket) => {
        const cell = matrix.cells[cellKey(bucket.id, accessKey.id)] ?? noPermissions;
        if (!onToggle) {
          const granted = permissionFlags.filter((flag) => cell[flag]);
          return (
            <td key={bucket.id} className="p-2 text-xs">
              <span aria-label={`${accessKey.name} on ${bucket.name}: ${granted.join(", ") || "no rights"}`}>
                {granted.map((flag) => flagLetters[flag]).join(" ") || "—"}
              </span>
            </td>
          );
        }
        return (
          <td key={bucket.id} className="p-2">
            <div className="flex gap-2">
              {permissionFlags.map((flag) => {
                const busy = pending.has(`${cellKey(bucket.id, accessKey.id)}/${flag}`);
                return (
                  <label
                    key={flag}
                    className="flex items-center gap-0.5 text-xs"
                    title={`${flag} for ${accessKey.name} on ${bucket.name}`}
                  >
                    <input
                      type="checkbox"
                      className="size-4 accent-accent"
                      checked={cell[flag]}
                      aria-busy={busy}
                      aria-label={`${flag} for ${accessKey.name} on ${bucket.name}`}
                      onChange={(event) =>
                        onToggle({
                          bucketId: bucket.id,
                          accessKeyId: accessKey.id,
                          flag,
                          granted: event.target.checked,
                        })
                      }
                    />
                    <span aria-hidden="true">{flagLetters[flag]}</span>
                  </label>
                );
              })}
            </div>
          </td>
        );
      })}
    </tr>
  );
}
