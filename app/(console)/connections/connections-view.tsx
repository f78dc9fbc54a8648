"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import {
  ConnectionsPanel,
  type ConnectionActions,
  type ConnectionRow,
} from "@/components/connections/connections-panel";

/** The list is server-rendered; after a change the page and every cached query are re-read. */
export function ConnectionsView({
  connections,
  activeId,
  actions,
}: {
  connections: ConnectionRow[];
  activeId: string;
  actions: ConnectionActions;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const changed = () => {
    void queryClient.invalidateQueries();
    router.refresh();
  };
  return <ConnectionsPanel connections={connections} activeId={activeId} actions={actions} onChanged={changed} />;
}
