import Link from "next/link";
import { PublicBadge } from "./public-badge";
import { Meter } from "@/components/ui/meter";
import type { BucketDetail } from "@/lib/admin-api/buckets";
import { formatBytes, formatCount, usageRatio, usageText } from "@/lib/format/bytes";
import { formatDate } from "@/lib/format/dates";

/** The bucket page's head: its names, where to go from here, and its use against the quotas. */
export function BucketSummary({ bucket }: { bucket: BucketDetail }) {
  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div className="min-w-0">
          <p className="text-sm">
            <Link href="/buckets" className="text-accent underline">
              Buckets
            </Link>
          </p>
          <h1 className="text-2xl font-semibold">
            {bucket.name}
            {bucket.public ? <PublicBadge /> : null}
          </h1>
          <p className="truncate font-mono text-xs text-muted">{bucket.id}</p>
          <p className="text-xs text-muted">Created {formatDate(bucket.created)}</p>
        </div>
        <nav aria-label="Bucket" className="flex flex-wrap gap-3 text-sm">
          <Link href={`/browse/${bucket.id}`} className="text-accent underline">
            Browse objects
          </Link>
          <a href="#connect" className="text-accent underline">
            Connect
          </a>
          <a href="#settings" className="text-accent underline">
            Settings
          </a>
        </nav>
      </div>
      <dl className="grid gap-3 sm:grid-cols-3">
        <Figure label="Objects">
          <Meter
            label="Objects against the quota"
            ratio={usageRatio(bucket.objects, bucket.quotas.maxObjects)}
            text={usageText(bucket.objects, bucket.quotas.maxObjects, formatCount)}
          />
        </Figure>
        <Figure label="Size">
          <Meter
            label="Size against the quota"
            ratio={usageRatio(bucket.bytes, bucket.quotas.maxSizeBytes)}
            text={usageText(bucket.bytes, bucket.quotas.maxSizeBytes, formatBytes)}
          />
        </Figure>
        <Figure label="Unfinished uploads">
          <span className="text-sm tabular-nums">{formatCount(bucket.unfinishedUploads)}</span>
        </Figure>
      </dl>
    </>
  );
}

function Figure({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="rounded-md border border-border bg-surface p-3">
      <dt className="text-xs text-muted">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
