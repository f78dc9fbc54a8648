import type { AccessKeySummary } from "@/lib/admin-api/access-keys";
import type { BucketDetail, WebEndpoint } from "@/lib/admin-api/buckets";
import { missingFeatureMessage, offers, type ClusterVersion } from "@/lib/admin-api/version";
import type { BucketAccessView } from "@/lib/s3/bucket-access";
import type { VersioningState } from "@/lib/s3/types";
import { AccessSection } from "./access-section";
import { AliasEditor } from "./alias-editor";
import type { BucketSettingsActions } from "./bucket-settings";
import { CorsEditor } from "./cors-editor";
import { DeleteBucket } from "./delete-bucket";
import { LifecycleEditor } from "./lifecycle-editor";
import { QuotaForm } from "./quota-form";
import { Section } from "./section";
import { VersioningForm } from "./versioning-form";
import { WebsiteForm } from "./website-form";

/**
 * The bucket page's settings below "Connect", each a form that changes one thing, then the way
 * out. Their code is its own chunk (bucket-settings loads it lazily): it is most of the page's
 * script, and the first screen (the summary and Connect) does not wait for it.
 */
export function SettingsSections({
  bucket,
  keys,
  web,
  version,
  versioning,
  access,
  actions,
  onDeleted,
}: {
  bucket: BucketDetail;
  keys: AccessKeySummary[];
  web: WebEndpoint;
  version: ClusterVersion | null;
  versioning: { state: VersioningState | null; error: string | null };
  access: { view: BucketAccessView | null; error: string | null };
  actions: BucketSettingsActions;
  onDeleted: () => void;
}) {
  return (
    <div id="settings" className="flex flex-col gap-6">
      {actions.addAlias && actions.removeAlias ? (
        <Section
          id="aliases"
          title="Aliases"
          description="Global aliases name the bucket for every key; local aliases for one key only."
        >
          <AliasEditor bucket={bucket} keys={keys} onAdd={actions.addAlias} onRemove={actions.removeAlias} />
        </Section>
      ) : null}
      <Section id="quotas" title="Quotas" description="Writes beyond these limits are refused.">
        <QuotaForm bucket={bucket} onSave={actions.setQuotas} />
      </Section>
      <Section
        id="versioning"
        title="Versioning"
        description="Keep every version of every object, so an overwrite or a delete can be undone."
      >
        <VersioningForm
          bucketId={bucket.id}
          state={versioning.state}
          loadError={versioning.error}
          onSet={actions.setVersioning}
        />
      </Section>
      <Section
        id="access"
        title="Access"
        description="Beyond the keys' grants: a bucket policy and an ACL can open the bucket to others, or refuse access."
      >
        <AccessSection
          bucket={bucket}
          keys={keys}
          access={access.view}
          loadError={access.error}
          actions={actions.access}
        />
      </Section>
      <Section
        id="website"
        title="Website"
        description="Serve the bucket's objects as a static site on the web endpoint."
      >
        <WebsiteForm bucket={bucket} endpoint={web} onSave={actions.setWebsite} />
      </Section>
      <Section id="cors" title="CORS rules" description="Which browser origins may call the S3 API on this bucket.">
        {offers(version, "bucketRules") ? (
          <CorsEditor bucket={bucket} onSave={actions.setCorsRules} />
        ) : (
          <Missing version={version} />
        )}
      </Section>
      <Section id="lifecycle" title="Lifecycle rules">
        {offers(version, "bucketRules") ? (
          <LifecycleEditor bucket={bucket} onSave={actions.setLifecycleRules} />
        ) : (
          <Missing version={version} />
        )}
      </Section>
      <Section id="delete" title="Delete">
        <DeleteBucket
          bucket={bucket}
          onDelete={actions.deleteBucket}
          onEmpty={actions.emptyBucket}
          onDeleted={onDeleted}
        />
      </Section>
    </div>
  );
}

/** Said in place of the rule editors on a cluster whose admin API has no rules (Garage 1.x sets them over S3). */
function Missing({ version }: { version: ClusterVersion | null }) {
  return version ? <p className="text-sm text-muted">{missingFeatureMessage(version, "bucketRules")}</p> : null;
}
