import { Badge, type BadgeTone } from "@/components/ui/badge";
import { shortNodeId } from "@/lib/admin-api/cluster";
import type { NodeWorkers, WorkerView } from "@/lib/admin-api/maintenance";
import { Bar } from "./bar";

const stateTones: Record<WorkerView["state"], BadgeTone> = {
  busy: "ok",
  throttled: "ok",
  idle: "neutral",
  done: "neutral",
};

function WorkerRow({ worker }: { worker: WorkerView }) {
  return (
    <li data-testid="repair-worker" aria-label={`${worker.name}: ${worker.state}`} className="flex flex-col gap-1 py-2">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium">{worker.name}</span>
        <Badge tone={stateTones[worker.state]}>{worker.state}</Badge>
        {worker.queueLength ? <span className="text-xs text-muted">{worker.queueLength} queued</span> : null}
        {worker.tranquility !== null ? (
          <span className="text-xs text-muted">tranquility {worker.tranquility}</span>
        ) : null}
        {worker.errors > 0 ? <span className="text-xs text-bad">{worker.errors} errors</span> : null}
      </div>
      {worker.progress && worker.fraction !== null ? (
        <Bar
          label={`${worker.name} progress`}
          part={worker.fraction}
          whole={1}
          text={`${Math.round(worker.fraction * 100)}%`}
          tone="ok"
        />
      ) : null}
      {worker.progress ? <p className="text-xs text-muted">{worker.progress}</p> : null}
      {worker.lastError ? <p className="text-xs text-bad">Last error: {worker.lastError}</p> : null}
    </li>
  );
}

/** Each node's resync, rebalance and scrub: state, progress bar, queue and errors. */
export function RepairWorkers({ nodes }: { nodes: NodeWorkers[] }) {
  if (nodes.length === 0) return <p className="text-sm text-muted">No node reported its workers.</p>;
  return (
    <div className="grid gap-3 md:grid-cols-2">
      {nodes.map((node) => (
        <section
          key={node.nodeId}
          aria-label={`Workers of node ${shortNodeId(node.nodeId)}`}
          className="rounded-md border border-border p-3"
        >
          <h3 className="text-xs font-semibold text-muted">
            Node <code>{shortNodeId(node.nodeId)}</code>
          </h3>
          <ul className="divide-y divide-border">
            {node.workers.map((worker) => (
              <WorkerRow key={worker.id} worker={worker} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
