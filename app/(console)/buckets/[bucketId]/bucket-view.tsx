"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { BucketSettings } from "@/components/buckets/bucket-settings";
import { BucketSummary } from "@/components/buckets/bucket-summary";
import { Alert } from "@/components/ui/alert";
import {
  addAliasAction,
  deleteBucketAction,
  emptyBucketAction,
  removeAliasAction,
  setCorsRulesAction,
  setLifecycleRulesAction,
  setQuotasAction,
  setWebsiteAction,
} from "@/lib/actions/buckets";
import { revealSecretAction } from "@/lib/actions/keys";
import { createBucketKeyAction } from "@/lib/actions/permissions";
import type { WebEndpoint } from "@/lib/admin-api/buckets";
import type { ClusterVersion } from "@/lib/admin-api/version";
import { accessKeyKeys, accessKeyListQuery } from "@/lib/resources/access-keys";
import { bucketKeys, bucketQuery } from "@/lib/resources/buckets";
import { permissionKeys } from "@/lib/resources/permissions";
import { useInvalidating } from "@/lib/resources/use-invalidating";
import { setVersioningAction } from "@/lib/actions/object-versions";
import { objectKeys } from "@/lib/resources/objects";
import { versioningQuery } from "@/lib/resources/object-versions";
import type { Abilities } from "@/lib/tenancy/types";
import { bucketAccessQuery } from "@/lib/resources/bucket-access";
import { deleteBucketPolicyAction, setBucketAclAction, setBucketPolicyAction } from "@/lib/actions/bucket-access";

/**
 * One bucket: read through TanStack Query, every change re-reads buckets, keys and permissions.
 * A viewer gets no actions (the settings as text); a tenant every action but the aliases.
 */
export function BucketView(props: {
  abilities: Abilities;
  connectionId: string;
  bucketId: string;
  s3Endpoint: string;
  region: string;
  web: WebEndpoint;
  version: ClusterVersion | null;
}) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const { data: bucket, error } = useQuery(bucketQuery(props.connectionId, props.bucketId));
  const keys = useQuery(accessKeyListQuery(props.connectionId)).data ?? [];
  const versioning = useQuery(versioningQuery(props.connectionId, props.bucketId));
  const access = useQuery(bucketAccessQuery(props.connectionId, props.bucketId));
  const invalidating = useInvalidating([bucketKeys.all, permissionKeys.all, accessKeyKeys.all, objectKeys.all]);
  if (!bucket)
    return (
      <Alert tone={error ? "error" : "info"}>
        {error ? `The bucket could not be read: ${error.message}` : "Reading the bucket…"}
      </Alert>
    );
  const aliases = props.abilities.operator
    ? { addAlias: invalidating(addAliasAction), removeAlias: invalidating(removeAliasAction) }
    : {};
  const actions = {
    connect: { revealSecret: revealSecretAction, createKey: invalidating(createBucketKeyAction) },
    ...aliases,
    setQuotas: invalidating(setQuotasAction),
    setVersioning: invalidating(setVersioningAction),
    setWebsite: invalidating(setWebsiteAction),
    setCorsRules: invalidating(setCorsRulesAction),
    setLifecycleRules: invalidating(setLifecycleRulesAction),
    deleteBucket: deleteBucketAction,
    emptyBucket: invalidating(emptyBucketAction),
    access: {
      setPolicy: invalidating(setBucketPolicyAction),
      deletePolicy: invalidating(deleteBucketPolicyAction),
      setAcl: invalidating(setBucketAclAction),
    },
  };
  const deleted = () => {
    void queryClient.invalidateQueries({ queryKey: bucketKeys.all });
    void queryClient.invalidateQueries({ queryKey: permissionKeys.all });
    router.push("/buckets");
  };
  return (
    <div className="flex flex-col gap-6">
      <BucketSummary bucket={bucket} />
      <BucketSettings
        bucket={bucket}
        s3Endpoint={props.s3Endpoint}
        region={props.region}
        web={props.web}
        version={props.version}
        versioning={{ state: versioning.data?.versioning ?? null, error: versioning.error?.message ?? null }}
        access={{ view: access.data ?? null, error: access.error?.message ?? null }}
        keys={keys}
        actions={props.abilities.canWrite ? actions : null}
        onDeleted={deleted}
      />
    </div>
  );
}
