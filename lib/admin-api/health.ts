/**
 * The Overview's health data, as the browser sees it. Both sides: the server builds it,
 * the /api/health route returns it, the health card renders it (parsing Garage's answer is
 * ./health-api, on the server: zod stays out of the browser).
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

/** The state to show: an unreachable node or a failed call reads as unavailable. */
export function displayedState(summary: HealthSummary): ClusterState {
  if (!summary.cluster) return "unavailable";
  if (!summary.endpointOk && summary.cluster.status === "healthy") return "degraded";
  return summary.cluster.status;
}
