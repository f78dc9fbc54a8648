"use client";

import { useQuery } from "@tanstack/react-query";
import { BucketsTable } from "@/components/buckets/buckets-table";
import { Alert } from "@/components/ui/alert";
import { createBucketAction } from "@/lib/actions/buckets";
import { accessKeyListQuery } from "@/lib/resources/access-keys";
import { bucketKeys, bucketListQuery } from "@/lib/resources/buckets";
import { permissionKeys } from "@/lib/resources/permissions";
import { useInvalidating } from "@/lib/resources/use-invalidating";

export function BucketsView({ connectionId }: { connectionId: string }) {
  const buckets = useQuery(bucketListQuery(connectionId));
  const keys = useQuery(accessKeyListQuery(connectionId));
  const invalidating = useInvalidating([bucketKeys.all, permissionKeys.all]);
  if (!buckets.data)
    return (
      <Alert tone={buckets.error ? "error" : "info"}>
        {buckets.error ? `The buckets could not be read: ${buckets.error.message}` : "Reading the buckets…"}
      </Alert>
    );
  return <BucketsTable buckets={buckets.data} keys={keys.data ?? []} onCreate={invalidating(createBucketAction)} />;
}
