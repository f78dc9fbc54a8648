"use client";

import { useState } from "react";
import { TextField } from "@/components/ui/field";
import { clampPage, Pager } from "@/components/ui/pager";
import {
  cellKey,
  noPermissions,
  permissionFlags,
  type PermissionFlag,
  type PermissionMatrix as Matrix,
} from "@/lib/admin-api/permissions";

export interface PermissionToggle {
  bucketId: string;
  accessKeyId: string;
  flag: PermissionFlag;
  granted: boolean;
}

const keysPerPage = 20;
const bucketsPerPage = 6;
const flagLetters: Record<PermissionFlag, string> = { read: "R", write: "W", owner: "O" };

function filterBy<T extends { name: string; id: string }>(items: T[], query: string): T[] {
  const needle = query.trim().toLowerCase();
  return needle
    ? items.filter((item) => item.name.toLowerCase().includes(needle) || item.id.toLowerCase().startsWith(needle))
    : items;
}

/**
 * Keys (rows) × buckets (columns), read / write / owner per cell, each a checkbox that
 * changes at once. Both axes filter by text and page, so 200 × 200 stays a small table.
 */
export function PermissionMatrix({
  matrix,
  pending,
  onToggle,
}: {
  matrix: Matrix;
  pending: ReadonlySet<string>;
  onToggle: (toggle: PermissionToggle) => void;
}) {
  const [keyQuery, setKeyQuery] = useState("");
  const [bucketQuery, setBucketQuery] = useState("");
  const [keyPage, setKeyPage] = useState(0);
  const [bucketPage, setBucketPage] = useState(0);
  const keys = filterBy(matrix.keys, keyQuery);
  const buckets = filterBy(matrix.buckets, bucketQuery);
  const kp = clampPage(keyPage, keysPerPage, keys.length);
  const bp = clampPage(bucketPage, bucketsPerPage, buckets.length);
  const pageKeys = keys.slice(kp * keysPerPage, (kp + 1) * keysPerPage);
  const pageBuckets = buckets.slice(bp * bucketsPerPage, (bp + 1) * bucketsPerPage);
  return (
    <div className="flex flex-col gap-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label="Filter keys"
          type="search"
          placeholder="Key name or id"
          value={keyQuery}
          onChange={(event) => (setKeyQuery(event.target.value), setKeyPage(0))}
        />
        <TextField
          label="Filter buckets"
          type="search"
          placeholder="Bucket name or id"
          value={bucketQuery}
          onChange={(event) => (setBucketQuery(event.target.value), setBucketPage(0))}
        />
      </div>
      <div className="flex flex-wrap justify-between gap-2">
        <Pager label="Key rows" page={kp} pageSize={keysPerPage} total={keys.length} onPage={setKeyPage} />
        <Pager
          label="Bucket columns"
          page={bp}
          pageSize={bucketsPerPage}
          total={buckets.length}
          onPage={setBucketPage}
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
              {pageBuckets.map((bucket) => (
                <th
                  key={bucket.id}
                  scope="col"
                  className="max-w-40 truncate p-2 text-left font-mono text-xs"
                  title={bucket.id}
                >
                  {bucket.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {pageKeys.map((key) => (
              <tr key={key.id} className="border-t border-border">
                <th
                  scope="row"
                  className="sticky left-0 max-w-48 truncate bg-surface p-2 text-left font-medium"
                  title={key.id}
                >
                  {key.name}
                </th>
                {pageBuckets.map((bucket) => {
                  const cell = matrix.cells[cellKey(bucket.id, key.id)] ?? noPermissions;
                  return (
                    <td key={bucket.id} className="p-2">
                      <div className="flex gap-2">
                        {permissionFlags.map((flag) => {
                          const busy = pending.has(`${cellKey(bucket.id, key.id)}/${flag}`);
                          return (
                            <label
                              key={flag}
                              className="flex items-center gap-0.5 text-xs"
                              title={`${flag} for ${key.name} on ${bucket.name}`}
                            >
                              <input
                                type="checkbox"
                                className="size-4 accent-accent"
                                checked={cell[flag]}
                                aria-busy={busy}
                                aria-label={`${flag} for ${key.name} on ${bucket.name}`}
                                onChange={(event) =>
                                  onToggle({
                                    bucketId: bucket.id,
                                    accessKeyId: key.id,
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
            ))}
          </tbody>
        </table>
      </div>
      {keys.length === 0 || buckets.length === 0 ? (
        <p className="text-sm text-muted">No {keys.length === 0 ? "keys" : "buckets"} match the filter.</p>
      ) : null}
    </div>
  );
}
