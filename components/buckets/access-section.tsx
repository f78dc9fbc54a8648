"use client";

import { Alert } from "@/components/ui/alert";
import type { Action } from "@/lib/action-result";
import type { AccessKeySummary } from "@/lib/admin-api/access-keys";
import type { BucketDetail } from "@/lib/admin-api/buckets";
import type { BucketAccessView } from "@/lib/s3/bucket-access";
import { AclForm, type AclInput } from "./acl-form";
import { PolicyEditor, type PolicyInput } from "./policy-editor";

export interface AccessActions {
  setPolicy: Action<PolicyInput, { bucketId: string }>;
  deletePolicy: Action<{ bucketId: string }, { bucketId: string }>;
  setAcl: Action<AclInput, { bucketId: string }>;
}

/** Who may reach the bucket beyond the keys' grants: its policy and its ACL (read over S3). */
export function AccessSection({
  bucket,
  keys,
  access,
  loadError,
  actions,
}: {
  bucket: BucketDetail;
  keys: AccessKeySummary[];
  /** null while it is being read. */
  access: BucketAccessView | null;
  loadError: string | null;
  actions: AccessActions;
}) {
  if (loadError) return <Alert tone="error">{`The bucket's access could not be read: ${loadError}`}</Alert>;
  if (!access) return <p className="text-sm text-muted">Reading the bucket&apos;s policy and ACL…</p>;
  if (!access.supported)
    return (
      <p className="text-sm text-muted">
        This cluster has no bucket policies or ACLs (Garage): keys&apos; grants decide alone.
      </p>
    );
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h3 className="mb-2 font-semibold">Policy</h3>
        <PolicyEditor
          // A policy saved or deleted elsewhere (or by this form) starts the editor afresh.
          key={access.policy ?? ""}
          bucketId={bucket.id}
          bucketName={bucket.globalAliases[0] ?? bucket.name}
          policy={access.policy}
          isPublic={access.policyPublic}
          keys={keys}
          onSave={actions.setPolicy}
          onDelete={actions.deletePolicy}
        />
      </div>
      <div>
        <h3 className="mb-2 font-semibold">ACL</h3>
        {access.aclRefused ? (
          <Alert tone="info">{access.aclRefused}</Alert>
        ) : (
          <AclForm
            key={access.cannedAcl}
            bucketId={bucket.id}
            owner={access.owner}
            cannedAcl={access.cannedAcl}
            grants={access.grants}
            onSet={actions.setAcl}
          />
        )}
      </div>
    </div>
  );
}
