import { CodeBlock } from "@/components/ui/code-block";
import type { BucketDetail } from "@/lib/admin-api/buckets";
import { formatBytes, formatCount } from "@/lib/format/bytes";
import type { BucketAccessView } from "@/lib/s3/bucket-access";
import type { VersioningState } from "@/lib/s3/types";
import { Section } from "./section";

/** Every setting of a bucket as text, for someone who may look but not change (a viewer). */
export function SettingsReadout({
  bucket,
  versioning,
  access,
}: {
  bucket: BucketDetail;
  versioning: VersioningState | null;
  /** The policy and ACL as read over S3 (null while reading or on a cluster without them). */
  access: BucketAccessView | null;
}) {
  const aliases = [...bucket.globalAliases, ...bucket.localAliases.map((alias) => `${alias.alias} (local)`)];
  return (
    <div id="settings" className="flex flex-col gap-6">
      <Section id="readout" title="Settings" description="Read only: your role may look, not change.">
        <dl className="grid gap-3 text-sm sm:grid-cols-2">
          <Term label="Aliases">{aliases.join(", ") || "none"}</Term>
          <Term label="Quotas">
            {bucket.quotas.maxSizeBytes === null ? "no size limit" : formatBytes(bucket.quotas.maxSizeBytes)},{" "}
            {bucket.quotas.maxObjects === null ? "no object limit" : `${formatCount(bucket.quotas.maxObjects)} objects`}
          </Term>
          <Term label="Website">
            {bucket.website
              ? `index ${bucket.website.indexDocument}${bucket.website.errorDocument ? `, error ${bucket.website.errorDocument}` : ""}`
              : "off"}
          </Term>
          <Term label="Versioning">{versioning ?? "reading…"}</Term>
          <Term label="Keys with rights">{bucket.keys.map((key) => key.name).join(", ") || "none"}</Term>
          {access?.supported ? (
            <Term label="ACL">{access.aclRefused ? "not readable: the policy refuses it" : access.cannedAcl}</Term>
          ) : null}
        </dl>
        {access?.policy ? <CodeBlock title="Bucket policy" text={access.policy} /> : null}
        {bucket.corsRules.length ? (
          <CodeBlock title="CORS rules" text={JSON.stringify(bucket.corsRules, null, 2)} />
        ) : null}
        {bucket.lifecycleRules.length ? (
          <CodeBlock title="Lifecycle rules" text={JSON.stringify(bucket.lifecycleRules, null, 2)} />
        ) : null}
      </Section>
    </div>
  );
}

function Term({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-muted">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
