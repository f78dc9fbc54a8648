"use client";

import { TextField } from "@/components/ui/field";
import { PublicBadge } from "@/components/buckets/public-badge";
import { Pager } from "@/components/ui/pager";
import {
  cellKey,
  noPermissions,
  permissionFlags,
  type PermissionFlag,
  type PermissionMatrix as Matrix,
} from "@/lib/admin-api/permissions";
import type { AccessKeySummary } from "@/lib/admin-api/access-keys";
import { flagLetters, flagMeanings, PermissionCell } from "./permission-cell";
import type { CellOutcome } from "./use-permission-toggles";
import {
  type MatrixPage,
  type MatrixPageRequest,
  matrixBucketsPerPage,
  matrixKeysPerPage,
} from "@/lib/resources/permissions";

export interface PermissionToggle {
  bucketId: string;
  accessKeyId: string;
  flag: PermissionFlag;
  granted: boolean;
}

/**
 * Keys (rows) × buckets (columns), read / write / owner per cell, each a checkbox that
 * changes at once. Both axes filter by text and page on the server (`request` asks, `matrix`
 * answers), so 1,000 × 1,000 stays a small table and a small read.
 * Without `onToggle` (a viewer) each cell shows its rights as text.
 */
export function PermissionMatrix({
  matrix,
  request,
  onRequest,
  pending,
  outcomes,
  loadingPage,
  onToggle,
}: {
  matrix: MatrixPage;
  request: MatrixPageRequest;
  onRequest: (request: MatrixPageRequest) => void;
  pending: ReadonlySet<string>;
  outcomes: ReadonlyMap<string, CellOutcome>;
  /** The page asked for is on its way: the one shown is not the one asked for, and is not changed. */
  loadingPage: boolean;
  /** Null for a viewer: the cells are read out, not toggled. */
  onToggle: ((toggle: PermissionToggle) => void) | null;
}) {
  return (
    <div className="flex flex-col gap-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label="Filter keys"
          type="search"
          placeholder="Key name or id"
          value={request.keyQuery}
          onChange={(event) => onRequest({ ...request, keyQuery: event.target.value, keyPage: 0 })}
        />
        <TextField
          label="Filter buckets"
          type="search"
          placeholder="Bucket name or id"
          value={request.bucketQuery}
          onChange={(event) => onRequest({ ...request, bucketQuery: event.target.value, bucketPage: 0 })}
        />
      </div>
      <div className="flex flex-wrap justify-between gap-2">
        <Pager
          label="Key rows"
          page={matrix.keyPage}
          pageSize={matrixKeysPerPage}
          total={matrix.keyTotal}
          onPage={(page) => onRequest({ ...request, keyPage: page })}
        />
        <Pager
          label="Bucket columns"
          page={matrix.bucketPage}
          pageSize={matrixBucketsPerPage}
          total={matrix.bucketTotal}
          onPage={(page) => onRequest({ ...request, bucketPage: page })}
        />
      </div>
      <dl className="flex flex-wrap gap-x-4 gap-y-1 text-xs" aria-label="Legend">
        {permissionFlags.map((flag: PermissionFlag) => (
          <div key={flag} className="flex gap-1">
            <dt className="font-semibold">{flagLetters[flag]}</dt>
            <dd className="text-muted">{flagMeanings[flag]}</dd>
          </div>
        ))}
        <div className="flex gap-1">
          <dt className="sr-only">Marks</dt>
          <dd className="text-muted">A change saves at once: a tick when saved, a warning sign when it failed.</dd>
        </div>
      </dl>
      <p className="text-xs text-muted sm:hidden">Scroll the table sideways for more buckets.</p>
      <div className="overflow-x-auto rounded-lg border border-border bg-surface">
        <table className="w-full border-collapse text-sm" aria-busy={loadingPage}>
          <caption className="sr-only">Permissions of access keys on buckets: R read, W write, O owner</caption>
          <thead>
            <tr>
              <th scope="col" className="sticky left-0 bg-surface p-2 text-left">
                Key
              </th>
              {matrix.buckets.map((bucket) => (
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
            {matrix.keys.map((key) => (
              <KeyRow
                key={key.id}
                accessKey={key}
                buckets={matrix.buckets}
                matrix={matrix}
                pending={pending}
                outcomes={outcomes}
                frozen={loadingPage}
                onToggle={onToggle}
              />
            ))}
          </tbody>
        </table>
      </div>
      {matrix.keyTotal === 0 || matrix.bucketTotal === 0 ? (
        <p className="text-sm text-muted">No {matrix.keyTotal === 0 ? "keys" : "buckets"} match the filter.</p>
      ) : null}
    </div>
  );
}

/** One key's row: its cells on the shown page of buckets; the console's own key is badged. */
function KeyRow({
  accessKey,
  buckets,
  matrix,
  pending,
  outcomes,
  frozen,
  onToggle,
}: {
  accessKey: AccessKeySummary;
  buckets: Matrix["buckets"];
  matrix: Matrix;
  pending: ReadonlySet<string>;
  outcomes: ReadonlyMap<string, CellOutcome>;
  frozen: boolean;
  /** Null for a viewer: the cells are read out, not toggled. */
  onToggle: ((toggle: PermissionToggle) => void) | null;
}) {
  return (
    <tr className="border-t border-border">
      <th scope="row" className="sticky left-0 max-w-48 bg-surface p-2 text-left font-medium" title={accessKey.id}>
        <span className="block truncate">{accessKey.name}</span>
        {accessKey.consoleKey ? <span className="text-xs font-normal text-muted">console&apos;s own key</span> : null}
      </th>
      {buckets.map((bucket) => (
        <PermissionCell
          key={bucket.id}
          accessKey={accessKey}
          bucket={bucket}
          cell={matrix.cells[cellKey(bucket.id, accessKey.id)] ?? noPermissions}
          pending={pending}
          outcome={outcomes.get(cellKey(bucket.id, accessKey.id))}
          frozen={frozen}
          onToggle={onToggle}
        />
      ))}
    </tr>
  );
}
