"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { ConnectionsPanel, type ConnectionActions } from "@/components/connections/connections-panel";
import { Alert } from "@/components/ui/alert";
import { connectionListQuery } from "@/lib/resources/connections";

/** After a change every cached query is re-read (the active cluster may have changed), and the header too. */
export function ConnectionsView({ actions }: { actions: ConnectionActions }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const { data, error } = useQuery(connectionListQuery());
  const changed = () => {
    void queryClient.invalidateQueries();
    router.refresh();
  };
  if (!data)
    return (
      <Alert tone={error ? "error" : "info"}>
        {error ? `The connections could not be read: ${error.message}` : "Reading the connections…"}
      </Alert>
    );
  return (
    <ConnectionsPanel connections={data.connections} activeId={data.activeId} actions={actions} onChanged={changed} />
  );
}
