import type { Metadata } from "next";
import Link from "next/link";
import { requireContext } from "@/lib/server/context";
import { bucketList } from "@/lib/server/resources/buckets";
import { formatBytes, formatCount } from "@/lib/format/bytes";
import { PublicBadge } from "@/components/buckets/public-badge";

export const metadata: Metadata = { title: "Objects" };

/** Which bucket to browse: every bucket, aliased or not. */
export default async function BrowseIndexPage() {
  const buckets = await bucketList.read(await requireContext("tenant:read"));
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">Objects</h1>
      <p className="text-sm text-muted">
        Choose a bucket to browse. The console reads and writes objects with its own key, “carport-console”, which gets
        access to a bucket when you open it here.
      </p>
      {buckets.length === 0 ? (
        <p className="text-sm text-muted">
          There are no buckets yet.{" "}
          <Link href="/buckets" className="text-accent underline">
            Create one
          </Link>
          .
        </p>
      ) : (
        <ul className="grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {buckets.map((bucket) => (
            <li key={bucket.id}>
              <Link
                href={`/browse/${bucket.id}`}
                className="flex flex-col rounded-lg border border-border bg-surface p-3 hover:border-accent focus-visible:outline-2 focus-visible:outline-accent"
              >
                <span className="truncate font-medium">
                  {bucket.name}
                  {bucket.public ? <PublicBadge /> : null}
                </span>
                <span className="text-xs text-muted">
                  {formatCount(bucket.objects)} objects · {formatBytes(bucket.bytes)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
