/**
 * Garage's cluster layout model, as plain data. Everything in this folder is a pure
 * function over these types: no I/O, no clocks, no JSON.
 */

/** Data is cut into 2^8 partitions by the first byte of its hash (Garage's PARTITION_BITS). */
export const PARTITION_BITS = 8;
export const PARTITION_COUNT = 1 << PARTITION_BITS;
/** Garage packs storage-node indices in a byte, so a layout holds at most 256 of them. */
export const MAX_STORAGE_NODES = 256;
/** Below this partition size Garage warns that capacities are probably in the wrong unit. */
export const LOW_PARTITION_SIZE_BYTES = 100;
/** Below this share of raw capacity in use Garage warns that the topology wastes space. */
export const LOW_USABLE_CAPACITY_PERCENT = 80;
/** Garage keeps this many historical versions (OLD_VERSION_COUNT); older ones are dropped. */
export const MAX_HISTORICAL_VERSIONS = 5;

export type NodeId = string;

export interface NodeRole {
  zone: string;
  /** null makes the node a gateway: it routes requests but stores no partition. */
  capacityBytes: number | null;
  tags: string[];
}

export type ZoneRedundancy = { atLeast: number } | "maximum";

export interface LayoutParameters {
  zoneRedundancy: ZoneRedundancy;
}

export interface LayoutVersion {
  version: number;
  replicationFactor: number;
  zoneRedundancy: ZoneRedundancy;
  roles: Record<NodeId, NodeRole>;
  /** 0 until a first assignment exists (version 0 is the empty layout). */
  partitionSizeBytes: number;
  /** PARTITION_COUNT rows of replicationFactor node ids, or [] when nothing is assigned. */
  assignment: NodeId[][];
}

export interface LayoutStaging {
  /** null stages the removal of the node's role. */
  roles: Record<NodeId, NodeRole | null>;
  parameters: LayoutParameters | null;
}

/** Garage's update trackers: the highest layout version a node has acknowledged / synced. */
export interface NodeUpdateTrackers {
  ack: number;
  sync: number;
  syncAck: number;
}

export interface LayoutHistory {
  /** Ascending by version; the last one is the current layout. */
  versions: LayoutVersion[];
  staging: LayoutStaging;
  trackers: Record<NodeId, NodeUpdateTrackers>;
}

export type RoleChange =
  | { id: NodeId; remove: true }
  | { id: NodeId; remove?: false; zone: string; capacityBytes: number | null; tags: string[] };

export type LayoutErrorCode =
  | "InvalidNodeId"
  | "InvalidRole"
  | "InvalidZoneRedundancy"
  | "ZeroCapacity"
  | "NoStorageNodes"
  | "NotEnoughStorageNodes"
  | "NotEnoughZones"
  | "TooManyStorageNodes"
  | "CapacityTooSmall"
  | "InvalidVersion";

export interface LayoutError {
  code: LayoutErrorCode;
  message: string;
}

export type LayoutResult<T> = ({ ok: true } & T) | { ok: false; error: LayoutError };

export function layoutError(code: LayoutErrorCode, message: string): { ok: false; error: LayoutError } {
  return { ok: false, error: { code, message } };
}

/**
 * The spec's `ComputationStatNode`. Field names follow the OpenAPI contract exactly so the
 * admin API can return this object as is; every capacity here is in bytes.
 */
export interface NodeStatistics {
  id: NodeId;
  tags: string[];
  storedPartitions: number;
  newPartitions: number;
  totalCapacity: number;
  usableCapacity: number;
}

/** The spec's `ComputationStatZone` (capacities in bytes). */
export interface ZoneStatistics {
  name: string;
  totalCapacity: number;
  usableCapacity: number;
  totalReplicatedPartitions: number;
  uniquePartitions: number;
  nodes: NodeStatistics[];
}

/** The spec's `ComputationStat` (capacities and sizes in bytes). */
export interface LayoutStatistics {
  replicationFactor: number;
  effectiveZoneRedundancy: number;
  partitionSize: number;
  /** null when the previous version had no assignment. */
  previousPartitionSize: number | null;
  lowPartitionSize: boolean;
  usableCapacity: number;
  totalCapacity: number;
  effectiveCapacity: number;
  lowUsableCapacity: boolean;
  /** null when the previous version had no assignment (nothing moves, everything is new). */
  totalMovedPartitions: number | null;
  zones: ZoneStatistics[];
}

export function emptyStaging(): LayoutStaging {
  return { roles: {}, parameters: null };
}
