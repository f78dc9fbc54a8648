import { Meter } from "@/components/ui/meter";
import { formatBytes, formatCount, usageRatio, usageText } from "@/lib/format/bytes";
import type { TenantWithUsage } from "@/lib/tenancy/types";

/**
 * A tenant's use of its limits: buckets, keys, the bucket quotas it has handed out (what
 * its byte limit is measured against) and, when known, the bytes actually stored.
 */
export function TenantUsage({ tenant, storedBytes }: { tenant: TenantWithUsage; storedBytes?: number }) {
  const { usage, limits } = tenant;
  const rows = [
    {
      label: "Buckets",
      ratio: usageRatio(usage.buckets, limits.maxBuckets),
      text: usageText(usage.buckets, limits.maxBuckets, formatCount),
    },
    {
      label: "Keys",
      ratio: usageRatio(usage.keys, limits.maxKeys),
      text: usageText(usage.keys, limits.maxKeys, formatCount),
    },
    {
      label: "Quotas handed out",
      ratio: usageRatio(usage.allocatedBytes, limits.maxBytes),
      text: usageText(usage.allocatedBytes, limits.maxBytes, formatBytes),
    },
    ...(storedBytes === undefined
      ? []
      : [
          {
            label: "Stored",
            ratio: usageRatio(storedBytes, limits.maxBytes),
            text: usageText(storedBytes, limits.maxBytes, formatBytes),
          },
        ]),
  ];
  return (
    <dl className="grid gap-4 sm:grid-cols-2">
      {rows.map((row) => (
        <div key={row.label} className="flex flex-col gap-1">
          <dt className="text-xs text-muted">{row.label}</dt>
          <dd>
            <Meter label={`${row.label} of ${tenant.name} against its limit`} ratio={row.ratio} text={row.text} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
