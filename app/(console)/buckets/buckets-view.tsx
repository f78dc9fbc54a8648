"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { BucketsTable } from "@/components/buckets/buckets-table";
import { Alert } from "@/components/ui/alert";
import { createBucketAction, createOwnBucketAction } from "@/lib/actions/buckets";
import { accessKeyListQuery } from "@/lib/resources/access-keys";
import { bucketKeys, bucketPageQuery, firstBucketPage } from "@/lib/resources/buckets";
import { permissionKeys } from "@/lib/resources/permissions";
import { useInvalidating } from "@/lib/resources/use-invalidating";
import type { Abilities } from "@/lib/tenancy/types";

/**
 * The bucket table a page at a time, searched and filtered on the server. Operators create
 * with an alias of their choice, a tenant by name within its limits; a viewer not at all.
 */
export function BucketsView({
  connectionId,
  abilities,
  defaultQuotaBytes,
}: {
  connectionId: string;
  abilities: Abilities;
  defaultQuotaBytes?: number;
}) {
  const [request, setRequest] = useState(firstBucketPage);
  const buckets = useQuery({ ...bucketPageQuery(connectionId, request), placeholderData: keepPreviousData });
  // The keys only matter to an operator's create dialog: read when it first opens.
  const [creating, setCreating] = useState(false);
  const keys = useQuery({ ...accessKeyListQuery(connectionId), enabled: creating });
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
      page={buckets.data}
      request={request}
      onRequest={setRequest}
      keys={keys.data ?? []}
      onCreating={() => setCreating(true)}
      abilities={abilities}
      defaultQuotaBytes={defaultQuotaBytes}
      onCreate={writable && abilities.operator ? invalidating(createBucketAction) : undefined}
      onCreateOwn={writable && !abilities.operator ? invalidating(createOwnBucketAction) : undefined}
    />
  );
}
