"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { hikubeBucketHref, HikubeTable } from "@/components/hikube/hikube-table";
import { ManifestForm } from "@/components/hikube/manifest-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { createHikubeBucketAction } from "@/lib/actions/hikube";
import { accessKeyKeys } from "@/lib/resources/access-keys";
import { bucketKeys } from "@/lib/resources/buckets";
import { hikubeKeys, hikubeListQuery } from "@/lib/resources/hikube";
import { useInvalidating } from "@/lib/resources/use-invalidating";

/** The Hikube buckets and, for a tenant, the manifest form; a new bucket opens its page. */
export function HikubeView({ connectionId, isTenant }: { connectionId: string; isTenant: boolean }) {
  const router = useRouter();
  const { data, error } = useQuery(hikubeListQuery(connectionId));
  const invalidating = useInvalidating([hikubeKeys.all, bucketKeys.all, accessKeyKeys.all]);
  return (
    <div className="flex flex-col gap-6">
      {isTenant ? (
        <Card title="Create a bucket from a manifest">
          <ManifestForm
            create={invalidating(createHikubeBucketAction)}
            onCreated={(created) => router.push(hikubeBucketHref({ name: created.name, tenant: { id: "" } }, false))}
          />
        </Card>
      ) : null}
      <Card title="Buckets">
        {data ? (
          <HikubeTable buckets={data} showTenant={!isTenant} />
        ) : (
          <Alert tone={error ? "error" : "info"}>
            {error ? `The Hikube buckets could not be read: ${error.message}` : "Reading the Hikube buckets…"}
          </Alert>
        )}
      </Card>
    </div>
  );
}
