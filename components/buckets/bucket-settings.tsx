import { lazy, Suspense } from "react";
import type { Action } from "@/lib/action-result";
import type { AccessKeySummary } from "@/lib/admin-api/access-keys";
import type { BucketDetail, CorsRule, LifecycleRule, WebEndpoint } from "@/lib/admin-api/buckets";
import type { ClusterVersion } from "@/lib/admin-api/version";
import type { BucketAccessView } from "@/lib/s3/bucket-access";
import type { VersioningState } from "@/lib/s3/types";
import type { AccessActions } from "./access-section";
import type { AliasInput } from "./alias-editor";
import { ConnectPanel, type ConnectActions } from "./connect-panel";
import { Section } from "./section";
import type { QuotaInput } from "./quota-form";
import type { VersioningInput } from "./versioning-form";
import type { WebsiteInput } from "./website-form";

// Below the first screen (the summary and Connect), each in its own chunk, fetched when the page
// renders them: the settings' forms are most of the page's script, the read-only text a viewer's.
const SettingsSections = lazy(() =>
  import("./settings-sections").then((module) => ({ default: module.SettingsSections })),
);
const SettingsReadout = lazy(() =>
  import("./settings-readout").then((module) => ({ default: module.SettingsReadout })),
);

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
        <Suspense fallback={null}>
          <SettingsReadout bucket={bucket} versioning={versioning.state} access={access.view} />
        </Suspense>
      </>
    );
  return (
    <>
      {connect}
      <Suspense fallback={<p className="text-sm text-muted">Loading the settings…</p>}>
        <SettingsSections
          bucket={bucket}
          keys={keys}
          web={web}
          version={version}
          versioning={versioning}
          access={access}
          actions={actions}
          onDeleted={onDeleted}
        />
      </Suspense>
    </>
  );
}
