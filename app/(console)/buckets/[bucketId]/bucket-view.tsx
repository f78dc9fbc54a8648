"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { AliasEditor } from "@/components/buckets/alias-editor";
import { CorsEditor } from "@/components/buckets/cors-editor";
import { DeleteBucket } from "@/components/buckets/delete-bucket";
import { LifecycleEditor } from "@/components/buckets/lifecycle-editor";
import { QuotaForm } from "@/components/buckets/quota-form";
import { Section } from "@/components/buckets/section";
import { WebsiteForm } from "@/components/buckets/website-form";
import { ConnectPanel } from "@/components/buckets/connect-panel";
import { Alert } from "@/components/ui/alert";
import { Meter } from "@/components/ui/meter";
import type { Action } from "@/lib/action-result";
import type { WebEndpoint } from "@/lib/admin-api/buckets";
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
import { formatBytes, formatCount, usageRatio } from "@/lib/format/bytes";
import { formatDate } from "@/lib/format/dates";
import { accessKeyKeys, accessKeyListQuery } from "@/lib/resources/access-keys";
import { bucketKeys, bucketQuery } from "@/lib/resources/buckets";
import { permissionKeys } from "@/lib/resources/permissions";

export function BucketView({
  connectionId,
  bucketId,
  s3Endpoint,
  region,
  web,
}: {
  connectionId: string;
  bucketId: string;
  s3Endpoint: string;
  region: string;
  web: WebEndpoint;
}) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const { data: bucket, error } = useQuery(bucketQuery(connectionId, bucketId));
  const keys = useQuery(accessKeyListQuery(connectionId)).data ?? [];
  const invalidating =
    <I, T>(action: Action<I, T>): Action<I, T> =>
    async (input) => {
      const result = await action(input);
      if (result.ok)
        await Promise.all(
          [bucketKeys.all, permissionKeys.all, accessKeyKeys.all].map((queryKey) =>
            queryClient.invalidateQueries({ queryKey }),
          ),
        );
      return result;
    };
  if (!bucket)
    return (
      <Alert tone={error ? "error" : "info"}>
        {error ? `The bucket could not be read: ${error.message}` : "Reading the bucket…"}
      </Alert>
    );
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div className="min-w-0">
          <p className="text-sm">
            <Link href="/buckets" className="text-accent underline">
              Buckets
            </Link>
          </p>
          <h1 className="text-2xl font-semibold">{bucket.name}</h1>
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
        <div className="rounded-md border border-border bg-surface p-3">
          <dt className="text-xs text-muted">Objects</dt>
          <dd>
            <Meter
              label="Objects against the quota"
              ratio={usageRatio(bucket.objects, bucket.quotas.maxObjects)}
              text={
                bucket.quotas.maxObjects === null
                  ? formatCount(bucket.objects)
                  : `${formatCount(bucket.objects)} of ${formatCount(bucket.quotas.maxObjects)}`
              }
            />
          </dd>
        </div>
        <div className="rounded-md border border-border bg-surface p-3">
          <dt className="text-xs text-muted">Size</dt>
          <dd>
            <Meter
              label="Size against the quota"
              ratio={usageRatio(bucket.bytes, bucket.quotas.maxSizeBytes)}
              text={
                bucket.quotas.maxSizeBytes === null
                  ? formatBytes(bucket.bytes)
                  : `${formatBytes(bucket.bytes)} of ${formatBytes(bucket.quotas.maxSizeBytes)}`
              }
            />
          </dd>
        </div>
        <div className="rounded-md border border-border bg-surface p-3">
          <dt className="text-xs text-muted">Unfinished uploads</dt>
          <dd className="text-sm tabular-nums">{formatCount(bucket.unfinishedUploads)}</dd>
        </div>
      </dl>
      <Section
        id="connect"
        title="Connect"
        description="Endpoint, credentials and ready-to-paste client configuration."
      >
        <ConnectPanel
          bucket={bucket}
          s3Endpoint={s3Endpoint}
          region={region}
          actions={{ revealSecret: revealSecretAction, createKey: invalidating(createBucketKeyAction) }}
        />
      </Section>
      <div id="settings" className="flex flex-col gap-6">
        <Section
          id="aliases"
          title="Aliases"
          description="Global aliases name the bucket for every key; local aliases for one key only."
        >
          <AliasEditor
            bucket={bucket}
            keys={keys}
            onAdd={invalidating(addAliasAction)}
            onRemove={invalidating(removeAliasAction)}
          />
        </Section>
        <Section id="quotas" title="Quotas" description="Writes beyond these limits are refused.">
          <QuotaForm bucket={bucket} onSave={invalidating(setQuotasAction)} />
        </Section>
        <Section
          id="website"
          title="Website"
          description="Serve the bucket's objects as a static site on the web endpoint."
        >
          <WebsiteForm bucket={bucket} endpoint={web} onSave={invalidating(setWebsiteAction)} />
        </Section>
        <Section id="cors" title="CORS rules" description="Which browser origins may call the S3 API on this bucket.">
          <CorsEditor bucket={bucket} onSave={invalidating(setCorsRulesAction)} />
        </Section>
        <Section id="lifecycle" title="Lifecycle rules">
          <LifecycleEditor bucket={bucket} onSave={invalidating(setLifecycleRulesAction)} />
        </Section>
        <Section id="delete" title="Delete">
          <DeleteBucket
            bucket={bucket}
            onDelete={deleteBucketAction}
            onEmpty={invalidating(emptyBucketAction)}
            onDeleted={() => {
              void queryClient.invalidateQueries({ queryKey: bucketKeys.all });
              void queryClient.invalidateQueries({ queryKey: permissionKeys.all });
              router.push("/buckets");
            }}
          />
        </Section>
      </div>
    </div>
  );
}
