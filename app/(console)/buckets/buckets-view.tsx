"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { BucketsTable } from "@/components/buckets/buckets-table";
import type { CreateBucketInput } from "@/components/buckets/create-bucket-dialog";
import { Alert } from "@/components/ui/alert";
import { createBucketAction } from "@/lib/actions/buckets";
import { accessKeyListQuery } from "@/lib/resources/access-keys";
import { bucketKeys, bucketListQuery } from "@/lib/resources/buckets";
import { permissionKeys } from "@/lib/resources/permissions";

export function BucketsView({ connectionId }: { connectionId: string }) {
  const queryClient = useQueryClient();
  const buckets = useQuery(bucketListQuery(connectionId));
  const keys = useQuery(accessKeyListQuery(connectionId));
  const create = async (input: CreateBucketInput) => {
    const result = await createBucketAction(input);
    if (result.ok)
      await Promise.all(
        [bucketKeys.all, permissionKeys.all].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      );
    return result;
  };
  if (!buckets.data)
    return (
      <Alert tone={buckets.error ? "error" : "info"}>
        {buckets.error ? `The buckets could not be read: ${buckets.error.message}` : "Reading the buckets…"}
      </Alert>
    );
  return <BucketsTable buckets={buckets.data} keys={keys.data ?? []} onCreate={create} />;
}
