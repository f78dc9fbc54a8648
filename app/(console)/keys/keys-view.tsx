"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { KeysPanel } from "@/components/keys/keys-panel";
import { Alert } from "@/components/ui/alert";
import type { Action } from "@/lib/action-result";
import {
  createKeyAction,
  deleteKeyAction,
  importKeyAction,
  renameKeyAction,
  revealSecretAction,
} from "@/lib/actions/keys";
import { accessKeyKeys, accessKeyListQuery } from "@/lib/resources/access-keys";
import { bucketKeys } from "@/lib/resources/buckets";
import { permissionKeys } from "@/lib/resources/permissions";

/** Reads the keys through TanStack Query and wires the actions, invalidating after each change. */
export function KeysView({ connectionId }: { connectionId: string }) {
  const queryClient = useQueryClient();
  const { data, error } = useQuery(accessKeyListQuery(connectionId));
  const invalidating =
    <I, T>(action: Action<I, T>): Action<I, T> =>
    async (input) => {
      const result = await action(input);
      if (result.ok) {
        await Promise.all(
          [accessKeyKeys.all, permissionKeys.all, bucketKeys.all].map((queryKey) =>
            queryClient.invalidateQueries({ queryKey }),
          ),
        );
      }
      return result;
    };
  if (!data)
    return (
      <Alert tone={error ? "error" : "info"}>
        {error ? `The keys could not be read: ${error.message}` : "Reading the keys…"}
      </Alert>
    );
  return (
    <KeysPanel
      keys={data}
      actions={{
        create: invalidating(createKeyAction),
        importKey: invalidating(importKeyAction),
        rename: invalidating(renameKeyAction),
        remove: invalidating(deleteKeyAction),
        revealSecret: revealSecretAction,
      }}
    />
  );
}
