"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { BlockErrors, type BlockErrorActions } from "@/components/cluster/block-errors";
import { RepairWorkers } from "@/components/cluster/repair-workers";
import { Card } from "@/components/ui/card";
import { shortNodeId } from "@/lib/admin-api/cluster";
import { clusterKeys } from "@/lib/resources/cluster";
import { maintenanceKeys, maintenanceQuery } from "@/lib/resources/maintenance";

/** The Overview's background repairs and block errors: prefetched on the server, re-read every few seconds. */
export function MaintenanceLive({ connectionId, actions }: { connectionId: string; actions: BlockErrorActions }) {
  const queryClient = useQueryClient();
  const { data, error } = useQuery(maintenanceQuery(connectionId));
  const changed = () => {
    void queryClient.invalidateQueries({ queryKey: maintenanceKeys.state(connectionId) });
    void queryClient.invalidateQueries({ queryKey: clusterKeys.overview(connectionId) });
  };
  if (!data)
    return (
      <p role={error ? "alert" : "status"}>
        {error ? `The background repairs could not be read: ${error.message}` : "Reading the background repairs…"}
      </p>
    );
  if (!data.data) return <p className="text-sm text-muted">{data.missing}</p>;
  const { nodes, blockErrors, unreachable } = data.data;
  return (
    <>
      <Card title="Background repairs">
        {unreachable.length > 0 ? (
          <p role="status" className="mb-3 text-sm text-warn">
            Not answering: {unreachable.map((node) => `${shortNodeId(node.nodeId)} (${node.message})`).join("; ")}
          </p>
        ) : null}
        <RepairWorkers nodes={nodes} />
      </Card>
      <Card title="Block errors">
        <BlockErrors errors={blockErrors} actions={actions} onChanged={changed} />
      </Card>
    </>
  );
}
