"use client";

import { useQuery } from "@tanstack/react-query";
import { BucketsTable } from "@/components/buckets/buckets-table";
import { Alert } from "@/components/ui/alert";
import { createBucketAction, createOwnBucketAction } from "@/lib/actions/buckets";
import { accessKeyListQuery } from "@/lib/resources/access-keys";
import { bucketKeys, bucketListQuery } from "@/lib/resources/buckets";
import { permissionKeys } from "@/lib/resources/permissions";
import { useInvalidating } from "@/lib/resources/use-invalidating";
import type { Abilities } from "@/lib/tenancy/types";

/** Operators create with an alias of their choice, a tenant by name within its limits; a viewer not at all. */
export function BucketsView({
  connectionId,
  abilities,
  defaultQuotaBytes,
}: {
  connectionId: string;
  abilities: Abilities;
  defaultQuotaBytes?: number;
}) {
  const buckets = useQuery(bucketListQuery(connectionId));
  const keys = useQuery(accessKeyListQuery(connectionId));
  const invalidating = useInvalidating([bucketKeys.all, permissionKeys.all]);
  if (!buckets.data)
    return (
      <Alert tone={buckets.error ? "error" : "info"}>
        {buckets.error ? `The buckets could not be read: ${buckets.error.message}` : "Reading the buckets…"}
      </Alert>
    );
  const writable = abilities.canWrite;
  return (
    <BucketsTable
      buckets={buckets.data}
      keys={keys.data ?? []}
      abilities={abilities}
      defaultQuotaBytes={defaultQuotaBytes}
      onCreate={writable && abilities.operator ? invalidating(createBucketAction) : undefined}
      onCreateOwn={writable && !abilities.operator ? invalidating(createOwnBucketAction) : undefined}
    />
  );
}
