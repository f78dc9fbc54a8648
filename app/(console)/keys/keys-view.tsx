"use client";

import { useQuery } from "@tanstack/react-query";
import { KeysPanel } from "@/components/keys/keys-panel";
import { Alert } from "@/components/ui/alert";
import {
  createKeyAction,
  deleteKeyAction,
  importKeyAction,
  renameKeyAction,
  revealSecretAction,
} from "@/lib/actions/keys";
import type { ClusterVersion } from "@/lib/admin-api/version";
import { accessKeyKeys, accessKeyListQuery } from "@/lib/resources/access-keys";
import { bucketKeys } from "@/lib/resources/buckets";
import { permissionKeys } from "@/lib/resources/permissions";
import { useInvalidating } from "@/lib/resources/use-invalidating";
import type { Abilities } from "@/lib/tenancy/types";

/**
 * Reads the keys through TanStack Query and wires the actions, invalidating after each change:
 * none for a viewer, no import for a tenant.
 */
export function KeysView({
  connectionId,
  version,
  abilities,
}: {
  connectionId: string;
  version: ClusterVersion | null;
  abilities: Abilities;
}) {
  const { data, error } = useQuery(accessKeyListQuery(connectionId));
  const invalidating = useInvalidating([accessKeyKeys.all, permissionKeys.all, bucketKeys.all]);
  if (!data)
    return (
      <Alert tone={error ? "error" : "info"}>
        {error ? `The keys could not be read: ${error.message}` : "Reading the keys…"}
      </Alert>
    );
  return (
    <KeysPanel
      keys={data}
      version={version}
      abilities={abilities}
      actions={
        abilities.canWrite
          ? {
              create: invalidating(createKeyAction),
              importKey: abilities.operator ? invalidating(importKeyAction) : undefined,
              rename: invalidating(renameKeyAction),
              remove: invalidating(deleteKeyAction),
              revealSecret: revealSecretAction,
            }
          : null
      }
    />
  );
}
