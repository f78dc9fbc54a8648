import type { V2Schema } from "../v2/contract";

type V2ApplyLayout = V2Schema<"ApplyClusterLayoutResponse">;
type V2ClusterHealth = V2Schema<"GetClusterHealthResponse">;
type V2ClusterLayout = V2Schema<"GetClusterLayoutResponse">;
type V2ClusterStatus = V2Schema<"GetClusterStatusResponse">;
type V2ConnectResults = V2Schema<"ConnectClusterNodesResponse">;
type V2LayoutRole = V2Schema<"LayoutNodeRole">;
type V2NodeInfo = V2Schema<"LocalGetNodeInfoResponse">;
type V2NodeResp = V2Schema<"NodeResp">;
type V2StagedChange = V2Schema<"NodeRoleChange">;

/**
 * v2 → v1 shapes for the cluster and layout endpoints (Garage 0.9/1.x,
 * `garage-admin-v1.openapi.yml`). Pure functions. Capacities are bytes in both
 * versions, so they pass unchanged; v2's layout computation results
 * (`partitionSize`, `storedPartitions`, `usableCapacity`, parameters) have no
 * place in v1 and are dropped.
 */

export interface V1Role {
  id: string;
  zone: string;
  capacity: number | null;
  tags: string[];
}

export type V1StagedChange = V1Role | { id: string; remove: true };

export interface V1Layout {
  version: number;
  roles: V1Role[];
  stagedRoleChanges: V1StagedChange[];
}

export function v1Role(role: V2LayoutRole): V1Role {
  return { id: role.id, zone: role.zone, capacity: role.capacity ?? null, tags: role.tags };
}

function v1StagedChange(change: V2StagedChange): V1StagedChange {
  return "remove" in change ? { id: change.id, remove: true } : v1Role(change);
}

export function v1Layout(layout: V2ClusterLayout): V1Layout {
  return {
    version: layout.version,
    roles: layout.roles.map(v1Role),
    stagedRoleChanges: layout.stagedRoleChanges.map(v1StagedChange),
  };
}

export function v1ApplyResult(result: V2ApplyLayout): { message: string[]; layout: V1Layout } {
  return { message: result.message, layout: v1Layout(result.layout) };
}

export interface V1KnownNode {
  id: string;
  addr: string;
  isUp: boolean;
  lastSeenSecsAgo: number | null;
  hostname: string;
}

/** The spec's NodeNetworkInfo has string `addr`/`hostname`; v2 may not know them yet. */
export function v1KnownNode(node: V2NodeResp): V1KnownNode {
  return {
    id: node.id,
    addr: node.addr ?? "",
    isUp: node.isUp,
    lastSeenSecsAgo: node.lastSeenSecsAgo ?? null,
    hostname: node.hostname ?? "",
  };
}

/** Garage 1.x's `nodes[]` entry, whose role carries its node id. */
function v1NodeResp(node: V2NodeResp): Record<string, unknown> {
  const role = node.role
    ? { id: node.id, zone: node.role.zone, capacity: node.role.capacity ?? null, tags: node.role.tags }
    : null;
  return {
    ...v1KnownNode(node),
    addr: node.addr ?? null,
    hostname: node.hostname ?? null,
    role,
    draining: node.draining,
    ...(node.dataPartition ? { dataPartition: node.dataPartition } : {}),
    ...(node.metadataPartition ? { metadataPartition: node.metadataPartition } : {}),
  };
}

export interface ClusterSnapshot {
  self: V2NodeInfo;
  status: V2ClusterStatus;
  layout: V2ClusterLayout;
}

/**
 * GetClusterStatus. The spec (0.9) fields come first; Garage 1.x replaced
 * `knownNodes`/`layout` by `layoutVersion`/`nodes`, and tools written for 1.x
 * read those, so both generations are served in one body (the spec's schema
 * allows additional properties).
 */
export function v1Status({ self, status, layout }: ClusterSnapshot): Record<string, unknown> {
  return {
    node: self.nodeId,
    garageVersion: self.garageVersion,
    garageFeatures: self.garageFeatures ?? [],
    rustVersion: self.rustVersion,
    dbEngine: self.dbEngine,
    knownNodes: status.nodes.map(v1KnownNode),
    layout: v1Layout(layout),
    layoutVersion: status.layoutVersion,
    nodes: status.nodes.map(v1NodeResp),
  };
}

export interface V1Health {
  status: string;
  knownNodes: number;
  connectedNodes: number;
  storageNodes: number;
  storageNodesOk: number;
  partitions: number;
  partitionsQuorum: number;
  partitionsAllOk: number;
}

/** v2.1 renamed `storageNodesOk` to `storageNodesUp`; v1 keeps the old name. */
export function v1Health(health: V2ClusterHealth): V1Health {
  return {
    status: health.status,
    knownNodes: health.knownNodes,
    connectedNodes: health.connectedNodes,
    storageNodes: health.storageNodes,
    storageNodesOk: health.storageNodesUp,
    partitions: health.partitions,
    partitionsQuorum: health.partitionsQuorum,
    partitionsAllOk: health.partitionsAllOk,
  };
}

export function v1ConnectResults(results: V2ConnectResults): { success: boolean; error: string | null }[] {
  return results.map((result) => ({ success: result.success, error: result.error ?? null }));
}
