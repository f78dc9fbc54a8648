"use client";

import { useQuery } from "@tanstack/react-query";
import { CredentialsPanel } from "@/components/credentials/credentials-panel";
import { Alert } from "@/components/ui/alert";
import {
  createCredentialAction,
  deleteCredentialAction,
  revealCredentialSecretAction,
} from "@/lib/actions/credentials";
import { accessKeyKeys } from "@/lib/resources/access-keys";
import { bucketKeys } from "@/lib/resources/buckets";
import { credentialKeys, credentialListQuery } from "@/lib/resources/credentials";
import { useInvalidating } from "@/lib/resources/use-invalidating";

/** Reads the project credentials through TanStack Query and wires the actions, re-reading after each change. */
export function CredentialsView({
  connectionId,
  canCreate,
  canWrite,
}: {
  connectionId: string;
  canCreate: boolean;
  canWrite: boolean;
}) {
  const { data, error } = useQuery(credentialListQuery(connectionId));
  const invalidating = useInvalidating([credentialKeys.all, accessKeyKeys.all, bucketKeys.all]);
  if (!data)
    return (
      <Alert tone={error ? "error" : "info"}>
        {error ? `The credentials could not be read: ${error.message}` : "Reading the credentials…"}
      </Alert>
    );
  return (
    <CredentialsPanel
      credentials={data}
      canCreate={canCreate}
      canWrite={canWrite}
      actions={{
        create: () => invalidating(createCredentialAction)(undefined),
        revealSecret: revealCredentialSecretAction,
        remove: invalidating(deleteCredentialAction),
      }}
    />
  );
}
