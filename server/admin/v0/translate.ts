import { z } from "zod";
import type { V2Schema } from "../v2/contract";
import type { ClusterSnapshot } from "../v1/translate-cluster";
import { v1BucketInfo } from "../v1/translate-buckets";
import { bytesToV0Capacity, v0CapacityToBytes } from "./capacity";

type V2BucketInfo = V2Schema<"GetBucketInfoResponse">;
type V2ClusterHealth = V2Schema<"GetClusterHealthResponse">;
type V2ClusterLayout = V2Schema<"GetClusterLayoutResponse">;
type V2NodeResp = V2Schema<"NodeResp">;
type V2StagedChange = V2Schema<"NodeRoleChange">;

/**
 * v2 ↔ v0 shapes (Garage 0.7.2–0.8, `garage-admin-v0.openapi.yml` and the
 * seed's admin-api page). Pure functions. v0 keys nodes and roles by node id in
 * maps, writes node and health fields in snake_case, and counts capacity in
 * weights (see `capacity.ts`).
 */

export interface V0Role {
  zone: string;
  capacity: number | null;
  tags: string[];
}

export interface V0Layout {
  version: number;
  roles: Record<string, V0Role>;
  /** `null` stages the node's removal. */
  stagedRoleChanges: Record<string, V0Role | null>;
}

function v0Role(role: { zone: string; capacity?: number | null; tags: string[] }): V0Role {
  return { zone: role.zone, capacity: bytesToV0Capacity(role.capacity), tags: role.tags };
}

function v0StagedRole(change: V2StagedChange): V0Role | null {
  return "remove" in change ? null : v0Role(change);
}

export function v0Layout(layout: V2ClusterLayout): V0Layout {
  return {
    version: layout.version,
    roles: Object.fromEntries(layout.roles.map((role) => [role.id, v0Role(role)])),
    stagedRoleChanges: Object.fromEntries(layout.stagedRoleChanges.map((change) => [change.id, v0StagedRole(change)])),
  };
}

export interface V0KnownNode {
  addr: string;
  is_up: boolean;
  last_seen_secs_ago: number | null;
  hostname: string;
}

function v0KnownNode(node: V2NodeResp): V0KnownNode {
  return {
    addr: node.addr ?? "",
    is_up: node.isUp,
    last_seen_secs_ago: node.lastSeenSecsAgo ?? null,
    hostname: node.hostname ?? "",
  };
}

/**
 * GetClusterStatus. The spec names the version `garageVersion` (Garage 0.8's
 * real field); the seed's example prints `garage_version`, so tools written
 * from that page find it too.
 */
export function v0Status({ self, status, layout }: ClusterSnapshot): Record<string, unknown> {
  return {
    node: self.nodeId,
    garageVersion: self.garageVersion,
    garage_version: self.garageVersion,
    dbEngine: self.dbEngine,
    knownNodes: Object.fromEntries(status.nodes.map((node) => [node.id, v0KnownNode(node)])),
    layout: v0Layout(layout),
  };
}

export interface V0Health {
  status: string;
  known_nodes: number;
  connected_nodes: number;
  storage_nodes: number;
  storage_nodes_ok: number;
  partitions: number;
  partitions_quorum: number;
  partitions_all_ok: number;
}

/** v0 capitalises the status (`Healthy`, `Degraded`, `Unavailable`). */
function v0HealthStatus(status: string): string {
  return status.charAt(0).toUpperCase() + status.slice(1);
}

export function v0Health(health: V2ClusterHealth): V0Health {
  return {
    status: v0HealthStatus(health.status),
    known_nodes: health.knownNodes,
    connected_nodes: health.connectedNodes,
    storage_nodes: health.storageNodes,
    storage_nodes_ok: health.storageNodesUp,
    partitions: health.partitions,
    partitions_quorum: health.partitionsQuorum,
    partitions_all_ok: health.partitionsAllOk,
  };
}

/** v0 BucketInfo: v1's without the multipart counters Garage 0.9 added. */
export function v0BucketInfo(bucket: V2BucketInfo): Record<string, unknown> {
  const {
    unfinishedMultipartUploads: _uploads,
    unfinishedMultipartUploadParts: _parts,
    unfinishedMultipartUploadBytes: _bytes,
    ...v0
  } = v1BucketInfo(bucket);
  return v0;
}

/** v0 UpdateClusterLayout: node id → full role (all three fields), or null to remove. */
export const v0LayoutUpdateBody = z.record(
  z.string(),
  z.object({ zone: z.string(), capacity: z.number().nullable(), tags: z.array(z.string()) }).nullable(),
);

export function v2LayoutUpdateFromV0(update: z.infer<typeof v0LayoutUpdateBody>): { roles: Record<string, unknown>[] } {
  const roles = Object.entries(update).map(([id, role]) =>
    role === null
      ? { id, remove: true }
      : { id, zone: role.zone, capacity: v0CapacityToBytes(role.capacity), tags: role.tags },
  );
  return { roles };
}
