"use client";

import { Globe, Plus } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { Meter } from "@/components/ui/meter";
import { Pager } from "@/components/ui/pager";
import type { Action } from "@/lib/action-result";
import type { AccessKeySummary } from "@/lib/admin-api/access-keys";
import type { BucketSummary } from "@/lib/admin-api/buckets";
import { type BucketPage, type BucketPageRequest, bucketPageSize, everyOwner, noOwner } from "@/lib/resources/buckets";
import { formatBytes, formatCount, usageRatio, usageText } from "@/lib/format/bytes";
import type { Abilities, ScopedBucket } from "@/lib/tenancy/types";
import { CreateBucketDialog, type CreateBucketInput } from "./create-bucket-dialog";
import { CreateOwnBucketDialog, type OwnBucketInput } from "./create-own-bucket-dialog";
import { PublicBadge } from "./public-badge";

/**
 * Buckets with objects, size and quota use, a page at a time (searched, filtered and paged on
 * the server: `request` asks, `page` answers); create one in a dialog. Operators see each
 * bucket's owning tenant and filter by it; the create button shows only with an action.
 */
export function BucketsTable({
  page,
  request,
  onRequest,
  keys,
  onCreating,
  abilities,
  defaultQuotaBytes,
  onCreate,
  onCreateOwn,
}: {
  page: BucketPage;
  request: BucketPageRequest;
  onRequest: (request: BucketPageRequest) => void;
  keys: AccessKeySummary[];
  /** The create dialog opened (its keys are read then). */
  onCreating?: () => void;
  abilities: Abilities;
  /** A tenant's default bucket quota, for its create dialog. */
  defaultQuotaBytes?: number;
  /** An operator's creation (global or local alias). */
  onCreate?: Action<CreateBucketInput, BucketSummary>;
  /** A tenant's creation (a name and a quota within its limit). */
  onCreateOwn?: Action<OwnBucketInput, BucketSummary>;
}) {
  const [creating, setCreating] = useState(false);
  const canCreate = Boolean(onCreate ?? onCreateOwn);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <TextField
          label="Search buckets"
          hideLabel
          type="search"
          placeholder="Search by alias or id"
          value={request.query}
          onChange={(event) => onRequest({ ...request, query: event.target.value, page: 0 })}
          className="min-w-48 flex-1"
        />
        {abilities.operator ? (
          <SelectField
            label="Tenant"
            value={request.owner}
            onChange={(event) => onRequest({ ...request, owner: event.target.value, page: 0 })}
          >
            <option value={everyOwner}>Every tenant</option>
            <option value={noOwner}>No tenant</option>
            {page.owners.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        {canCreate ? (
          <Button
            type="button"
            onClick={() => {
              onCreating?.();
              setCreating(true);
            }}
          >
            <Plus aria-hidden="true" size={16} /> Create bucket
          </Button>
        ) : null}
      </div>
      <div className="overflow-x-auto rounded-lg border border-border bg-surface">
        <table className="w-full text-sm">
          <caption className="sr-only">Buckets</caption>
          <thead className="text-left text-xs text-muted uppercase">
            <tr>
              <th scope="col" className="p-3">
                Bucket
              </th>
              {abilities.operator ? (
                <th scope="col" className="p-3">
                  Tenant
                </th>
              ) : null}
              <th scope="col" className="p-3">
                Objects
              </th>
              <th scope="col" className="p-3">
                Size
              </th>
              <th scope="col" className="hidden p-3 sm:table-cell">
                Aliases
              </th>
            </tr>
          </thead>
          <tbody>
            {page.buckets.map((bucket) => (
              <BucketRow key={bucket.id} bucket={bucket} showOwner={abilities.operator} />
            ))}
          </tbody>
        </table>
      </div>
      {page.total === 0 ? (
        <p className="text-sm text-muted">
          {request.query || request.owner !== everyOwner ? "No bucket matches." : "No buckets yet."}
        </p>
      ) : null}
      <Pager
        label="Bucket pages"
        page={page.page}
        pageSize={bucketPageSize}
        total={page.total}
        onPage={(next) => onRequest({ ...request, page: next })}
      />
      {onCreate ? (
        <CreateBucketDialog open={creating} keys={keys} onClose={() => setCreating(false)} onCreate={onCreate} />
      ) : null}
      {onCreateOwn ? (
        <CreateOwnBucketDialog
          open={creating}
          defaultQuotaBytes={defaultQuotaBytes ?? 0}
          onClose={() => setCreating(false)}
          onCreate={onCreateOwn}
        />
      ) : null}
    </div>
  );
}

/** One bucket: its name and id, its tenant, objects and size against the quotas, its aliases. */
function BucketRow({ bucket, showOwner }: { bucket: ScopedBucket; showOwner: boolean }) {
  return (
    <tr className="border-t border-border align-top">
      <th scope="row" className="p-3 text-left">
        {/* No prefetch: 50 rows in view would each ask the server for a bucket page nobody opened yet. */}
        <Link
          href={`/buckets/${bucket.id}`}
          prefetch={false}
          className="font-semibold text-accent underline-offset-2 hover:underline"
        >
          {bucket.name}
        </Link>
        {bucket.websiteAccess ? <Globe aria-label="website enabled" className="ml-1 inline" size={14} /> : null}
        {bucket.public ? <PublicBadge /> : null}
        <p className="font-mono text-xs font-normal text-muted">{bucket.id.slice(0, 16)}…</p>
      </th>
      {showOwner ? <td className="p-3">{bucket.owner?.name ?? "—"}</td> : null}
      <td className="p-3">
        <Meter
          label={`Objects in ${bucket.name} against its quota`}
          ratio={usageRatio(bucket.objects, bucket.quotas.maxObjects)}
          text={usageText(bucket.objects, bucket.quotas.maxObjects, formatCount)}
        />
      </td>
      <td className="p-3">
        <Meter
          label={`Size of ${bucket.name} against its quota`}
          ratio={usageRatio(bucket.bytes, bucket.quotas.maxSizeBytes)}
          text={usageText(bucket.bytes, bucket.quotas.maxSizeBytes, formatBytes)}
        />
      </td>
      <td className="hidden p-3 text-xs sm:table-cell">
        {[...bucket.globalAliases, ...bucket.localAliases.map((alias) => `${alias.alias} (local)`)].join(", ") || "—"}
      </td>
    </tr>
  );
}
