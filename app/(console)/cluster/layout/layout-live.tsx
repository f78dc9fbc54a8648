"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { RebalanceProgress } from "@/components/layout-editor/rebalance-progress";
import { runningRebalance } from "@/lib/admin-api/maintenance";
import { maintenanceQuery } from "@/lib/resources/maintenance";
import { VersionNote } from "@/components/cluster/version-note";
import { LayoutEditor, type LayoutActions } from "@/components/layout-editor/layout-editor";
import { clusterKeys } from "@/lib/resources/cluster";
import { layoutEditorQuery, layoutKeys } from "@/lib/resources/layout";

export function LayoutLive({
  connectionId,
  connectionName,
  actions,
}: {
  connectionId: string;
  connectionName: string;
  actions: LayoutActions;
}) {
  const queryClient = useQueryClient();
  const { data, error } = useQuery(layoutEditorQuery(connectionId));
  const repairs = useQuery(maintenanceQuery(connectionId));
  const rebalance = repairs.data?.data ? runningRebalance(repairs.data.data) : null;
  const history = data?.data?.history ?? null;
  const draining = history?.versions.some((entry) => entry.status === "Draining") ?? false;
  // The history is read once; while a version drains, each new look at the rebalance reads it again.
  const repairsReadAt = repairs.dataUpdatedAt;
  useEffect(() => {
    if (draining) void queryClient.invalidateQueries({ queryKey: layoutKeys.editor(connectionId) });
  }, [draining, repairsReadAt, queryClient, connectionId]);
  const changed = () => {
    void queryClient.invalidateQueries({ queryKey: layoutKeys.editor(connectionId) });
    void queryClient.invalidateQueries({ queryKey: clusterKeys.picture(connectionId) });
    void queryClient.invalidateQueries({ queryKey: clusterKeys.overview(connectionId) });
  };
  if (!data)
    return (
      <p role={error ? "alert" : "status"}>
        {error ? `The layout could not be read: ${error.message}` : "Reading the layout…"}
      </p>
    );
  return (
    <>
      <VersionNote connectionName={connectionName} version={data.version} missing={data.missing} />
      {history ? (
        <RebalanceProgress currentVersion={history.currentVersion} versions={history.versions} rebalance={rebalance} />
      ) : null}
      {data.data ? (
        <LayoutEditor
          data={data.data}
          actions={actions}
          onChanged={changed}
          canAddVolume={data.version.apiVersion === "v2"}
        />
      ) : null}
    </>
  );
}
