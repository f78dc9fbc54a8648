import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Stat } from "@/components/ui/stat";
import { humanMessage } from "@/lib/admin-api/errors";
import { displayedState, type ClusterState, type HealthSummary } from "@/lib/admin-api/health";

const stateTones: Record<ClusterState, BadgeTone> = { healthy: "ok", degraded: "warn", unavailable: "bad" };

const stateExplanations: Record<ClusterState, string> = {
  healthy: "Connected to every storage node.",
  degraded: "Some storage nodes are unreachable, but every partition still has a write quorum.",
  unavailable: "Some partitions have no write quorum: reads and writes may fail.",
};

export function HealthCard({ summary, refreshing = false }: { summary: HealthSummary; refreshing?: boolean }) {
  const state = displayedState(summary);
  const cluster = summary.cluster;
  const checkedAt = new Date(summary.checkedAtMs).toISOString().replace("T", " ").slice(0, 19);
  return (
    <Card title="Cluster health">
      <div className="flex flex-wrap items-center gap-3">
        <span className="sr-only">Cluster state:</span>
        <Badge tone={stateTones[state]}>
          <span data-testid="cluster-state">{state}</span>
        </Badge>
        <p className="text-sm text-muted">{stateExplanations[state]}</p>
      </div>
      {summary.error ? (
        <p role="alert" className="mt-4 rounded-md border border-bad p-3 text-sm text-bad">
          {humanMessage(summary.error)}
        </p>
      ) : null}
      {cluster ? (
        <dl className="mt-5 grid grid-cols-1 gap-3 sm:grid-cols-3">
          <Stat
            label="Storage nodes up"
            value={`${cluster.storageNodesUp} / ${cluster.storageNodes}`}
            detail={`${cluster.connectedNodes} of ${cluster.knownNodes} known nodes connected`}
          />
          <Stat label="Partitions with quorum" value={`${cluster.partitionsQuorum} / ${cluster.partitions}`} />
          <Stat label="Partitions all OK" value={`${cluster.partitionsAllOk} / ${cluster.partitions}`} />
        </dl>
      ) : null}
      <p className="mt-4 text-xs text-muted" aria-live="polite">
        Admin API {summary.endpointOk ? "answers /health" : "does not answer /health"} · checked {checkedAt} UTC
        {refreshing ? " · refreshing…" : ""}
      </p>
    </Card>
  );
}
