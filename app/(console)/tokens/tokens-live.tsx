"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { VersionNote } from "@/components/cluster/version-note";
import { TokensPanel, type TokenActions } from "@/components/tokens/tokens-panel";
import { adminEndpointNames } from "@/lib/admin-api/endpoint-names";
import { adminTokenKeys, adminTokenListQuery } from "@/lib/resources/admin-tokens";

export function TokensLive({
  connectionId,
  connectionName,
  actions,
}: {
  connectionId: string;
  connectionName: string;
  actions: TokenActions | null;
}) {
  const queryClient = useQueryClient();
  const { data, error } = useQuery(adminTokenListQuery(connectionId));
  if (!data)
    return (
      <p role={error ? "alert" : "status"}>
        {error ? `The admin tokens could not be read: ${error.message}` : "Reading admin tokens…"}
      </p>
    );
  return (
    <>
      <VersionNote connectionName={connectionName} version={data.version} missing={data.missing} />
      {data.data ? (
        <TokensPanel
          tokens={data.data}
          endpoints={adminEndpointNames}
          actions={actions}
          onChanged={() => void queryClient.invalidateQueries({ queryKey: adminTokenKeys.list(connectionId) })}
        />
      ) : null}
    </>
  );
}
