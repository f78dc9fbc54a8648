import type { Action } from "@/lib/action-result";
import type { AccessKeySummary } from "@/lib/admin-api/access-keys";
import type { BucketDetail, CorsRule, LifecycleRule, WebEndpoint } from "@/lib/admin-api/buckets";
import { missingFeatureMessage, offers, type ClusterVersion } from "@/lib/admin-api/version";
import { AliasEditor, type AliasInput } from "./alias-editor";
import { ConnectPanel, type ConnectActions } from "./connect-panel";
import { CorsEditor } from "./cors-editor";
import { DeleteBucket } from "./delete-bucket";
import { LifecycleEditor } from "./lifecycle-editor";
import { QuotaForm, type QuotaInput } from "./quota-form";
import { Section } from "./section";
import { VersioningForm, type VersioningInput } from "./versioning-form";
import { SettingsReadout } from "./settings-readout";
import { WebsiteForm, type WebsiteInput } from "./website-form";
import type { VersioningState } from "@/lib/s3/types";
import type { BucketAccessView } from "@/lib/s3/bucket-access";
import { AccessSection, type AccessActions } from "./access-section";

type Rules<R> = { bucketId: string; rules: R[] };

/** What the bucket page can change, as callbacks (server actions, wrapped by the page). */
export interface BucketSettingsActions {
  connect: ConnectActions;
  /** Operators only: a tenant's bucket keeps the name it was created with. */
  addAlias?: Action<AliasInput, BucketDetail>;
  removeAlias?: Action<AliasInput, BucketDetail>;
  setQuotas: Action<QuotaInput, BucketDetail>;
  setVersioning: Action<VersioningInput, { versioning: VersioningState }>;
  setWebsite: Action<WebsiteInput, BucketDetail>;
  setCorsRules: Action<Rules<CorsRule>, BucketDetail>;
  setLifecycleRules: Action<Rules<LifecycleRule>, BucketDetail>;
  deleteBucket: Action<{ bucketId: string }, unknown>;
  emptyBucket: Action<{ bucketId: string }, { deletedObjects: number; abortedUploads: number }>;
  access: AccessActions;
}

/**
 * The bucket page's sections: how to connect a client, then every setting and the way out.
 * Without actions (a viewer), the settings are shown as text and nothing can be changed.
 */
export function BucketSettings({
  bucket,
  keys,
  s3Endpoint,
  region,
  web,
  version,
  versioning,
  access,
  actions,
  onDeleted,
}: {
  bucket: BucketDetail;
  keys: AccessKeySummary[];
  s3Endpoint: string;
  region: string;
  web: WebEndpoint;
  /** What the cluster offers; null when it could not be read (everything is offered). */
  version: ClusterVersion | null;
  /** The bucket's S3 versioning as read (state null while reading). */
  versioning: { state: VersioningState | null; error: string | null };
  /** The bucket's policy and ACL as read over S3 (null while reading). */
  access: { view: BucketAccessView | null; error: string | null };
  actions: BucketSettingsActions | null;
  onDeleted: () => void;
}) {
  const connect = (
    <Section id="connect" title="Connect" description="Endpoint, credentials and ready-to-paste client configuration.">
      <ConnectPanel bucket={bucket} s3Endpoint={s3Endpoint} region={region} actions={actions?.connect} />
    </Section>
  );
  if (!actions)
    return (
      <>
        {connect}
        <SettingsReadout bucket={bucket} versioning={versioning.state} access={access.view} />
      </>
    );
  return (
    <>
      {connect}
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
    </>
  );
}

/** Said in place of the rule editors on a cluster whose admin API has no rules (Garage 1.x sets them over S3). */
function Missing({ version }: { version: ClusterVersion | null }) {
  return version ? <p className="text-sm text-muted">{missingFeatureMessage(version, "bucketRules")}</p> : null;
}
