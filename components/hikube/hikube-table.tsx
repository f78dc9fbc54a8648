import Link from "next/link";
import type { HikubeBucketSummary } from "@/lib/hikube/types";
import { formatDate } from "@/lib/format/dates";

export const hikubeBucketHref = (bucket: { name: string; tenant: { id: string } }, withTenant: boolean) =>
  `/hikube/${encodeURIComponent(bucket.name)}${withTenant ? `?tenant=${encodeURIComponent(bucket.tenant.id)}` : ""}`;

/** The Hikube buckets, as `kubectl get buckets` and `get secret` would name them. */
export function HikubeTable({ buckets, showTenant }: { buckets: HikubeBucketSummary[]; showTenant: boolean }) {
  if (buckets.length === 0) return <p className="text-sm text-muted">No Hikube buckets yet.</p>;
  // On a phone the table scrolls sideways inside its box; the page itself never does.
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="text-xs text-muted">
          <tr>
            <th className="py-1">Name</th>
            {showTenant ? <th className="py-1">Tenant</th> : null}
            <th className="py-1">S3 bucket</th>
            <th className="py-1">Secret</th>
            <th className="py-1">Created</th>
          </tr>
        </thead>
        <tbody>
          {buckets.map((bucket) => (
            <tr key={`${bucket.tenant.id}/${bucket.name}`} className="border-t border-border">
              <td className="py-1">
                <Link href={hikubeBucketHref(bucket, showTenant)} className="text-accent underline">
                  {bucket.name}
                </Link>
              </td>
              {showTenant ? <td className="py-1">{bucket.tenant.name}</td> : null}
              <td className="py-1 font-mono text-xs">{bucket.bucketName}</td>
              <td className="py-1 font-mono text-xs">{bucket.secretName}</td>
              <td className="py-1">{formatDate(bucket.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
