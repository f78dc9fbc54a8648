import { z } from "zod";

/**
 * The Overview's health data, as the browser sees it. Both sides: the server builds it,
 * the /api/health route returns it, the health card renders it.
 */
export const clusterStates = ["healthy", "degraded", "unavailable"] as const;
export type ClusterState = (typeof clusterStates)[number];

export interface ClusterHealth {
  status: ClusterState;
  knownNodes: number;
  connectedNodes: number;
  storageNodes: number;
  storageNodesUp: number;
  partitions: number;
  partitionsQuorum: number;
  partitionsAllOk: number;
}

export interface HealthSummary {
  connectionId: string;
  checkedAtMs: number;
  /** GET /health: whether this node can answer API requests. */
  endpointOk: boolean;
  cluster: ClusterHealth | null;
  error: { code: string; message: string } | null;
}

const count = z.number().int().nonnegative();

// Garage v2 names the field storageNodesUp; v1 (and some builds) say storageNodesOk.
const clusterHealthSchema = z
  .object({
    status: z.enum(clusterStates),
    knownNodes: count,
    connectedNodes: count,
    storageNodes: count,
    storageNodesUp: count.optional(),
    storageNodesOk: count.optional(),
    partitions: count,
    partitionsQuorum: count,
    partitionsAllOk: count,
  })
  .refine(
    (value) => value.storageNodesUp !== undefined || value.storageNodesOk !== undefined,
    "storageNodesUp is missing",
  );

export function parseClusterHealth(raw: unknown): ClusterHealth {
  const { storageNodesOk, storageNodesUp, ...rest } = clusterHealthSchema.parse(raw);
  return { ...rest, storageNodesUp: storageNodesUp ?? storageNodesOk ?? 0 };
}

/** The state to show: an unreachable node or a failed call reads as unavailable. */
export function displayedState(summary: HealthSummary): ClusterState {
  if (!summary.cluster) return "unavailable";
  if (!summary.endpointOk && summary.cluster.status === "healthy") return "degraded";
  return summary.cluster.status;
}
