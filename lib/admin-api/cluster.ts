import type { components } from "@/contracts/garage-admin-v2.gen";

/**
 * The cluster as the console draws it, normalised from Garage's answers (v2, or v1's
 * thinner shapes). Both sides: built on the server, rendered by components/cluster.
 */
type Schemas = components["schemas"];
export type ZoneRedundancy = Schemas["ZoneRedundancy"];

/** Garage spreads data over 256 partitions (PARTITION_BITS = 8). */
export const partitionCount = 256;

export interface PictureNode {
  id: string;
  hostname: string | null;
  /** Where the node is: the embedded engine's volume directory, or a Garage node's RPC address. */
  address: string | null;
  isUp: boolean;
  /** For a node that is down: seconds since it last answered (null: not since the cluster started). */
  lastSeenSecsAgo: number | null;
  draining: boolean;
  zone: string | null;
  tags: string[];
  /** "storage" has a capacity, "gateway" a role without one, "none" no role yet. */
  kind: "storage" | "gateway" | "none";
  capacityBytes: number | null;
  usableBytes: number | null;
  storedPartitions: number | null;
  dataAvailableBytes: number | null;
  dataTotalBytes: number | null;
}

export interface PictureZone {
  name: string;
  nodes: PictureNode[];
  capacityBytes: number;
  usableBytes: number;
  storedPartitions: number;
  dataAvailableBytes: number;
  dataTotalBytes: number;
}

export interface ClusterPicture {
  layoutVersion: number;
  replicationFactor: number | null;
  zoneRedundancy: string | null;
  partitionSizeBytes: number | null;
  zones: PictureZone[];
  /** Nodes with no role in the current layout (new volumes) and gateways. */
  others: PictureNode[];
  stagedChanges: number;
  /** Partitions with every copy reachable, and with a write quorum (GetClusterHealth); null when not read. */
  partitions: { total: number; allCopies: number; withQuorum: number } | null;
}

/** How to name a node's address: the embedded engine's volumes are directories (absolute paths). */
export function nodeLocation(address: string | null): { label: "Directory" | "Address"; value: string } | null {
  if (!address) return null;
  return { label: address.startsWith("/") ? "Directory" : "Address", value: address };
}

export function describeZoneRedundancy(value: ZoneRedundancy | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value === "maximum" ? "maximum" : `at least ${value.atLeast}`;
}

/** Each partition is stored rf times, so the stored copies over 256 give the replication factor. */
export function replicationFactorOf(roles: Array<{ storedPartitions?: number | null }>): number | null {
  const stored = roles.reduce((sum, role) => sum + (role.storedPartitions ?? 0), 0);
  return stored > 0 ? Math.round(stored / partitionCount) : null;
}

export function buildPicture(
  status: Schemas["GetClusterStatusResponse"],
  layout: Schemas["GetClusterLayoutResponse"] | null,
  health: Schemas["GetClusterHealthResponse"] | null = null,
): ClusterPicture {
  const roles = new Map((layout?.roles ?? []).map((role) => [role.id, role]));
  const nodes = status.nodes.map((node): PictureNode => {
    const role = roles.get(node.id);
    const assigned = role ?? node.role ?? null;
    const capacityBytes = assigned?.capacity ?? null;
    return {
      id: node.id,
      hostname: node.hostname ?? null,
      address: node.addr ?? null,
      isUp: node.isUp,
      lastSeenSecsAgo: node.isUp ? null : (node.lastSeenSecsAgo ?? null),
      draining: node.draining,
      zone: assigned?.zone ?? null,
      tags: assigned?.tags ?? [],
      kind: !assigned ? "none" : capacityBytes === null ? "gateway" : "storage",
      capacityBytes,
      usableBytes: role?.usableCapacity ?? null,
      storedPartitions: role?.storedPartitions ?? null,
      dataAvailableBytes: node.dataPartition?.available ?? null,
      dataTotalBytes: node.dataPartition?.total ?? null,
    };
  });
  return {
    layoutVersion: layout?.version ?? status.layoutVersion,
    replicationFactor: layout ? replicationFactorOf(layout.roles) : null,
    zoneRedundancy: describeZoneRedundancy(layout?.parameters?.zoneRedundancy),
    partitionSizeBytes: layout?.partitionSize ?? null,
    zones: groupZones(nodes.filter((node) => node.kind === "storage")),
    others: nodes.filter((node) => node.kind !== "storage"),
    stagedChanges: (layout?.stagedRoleChanges.length ?? 0) + (layout?.stagedParameters ? 1 : 0),
    partitions: health
      ? { total: health.partitions, allCopies: health.partitionsAllOk, withQuorum: health.partitionsQuorum }
      : null,
  };
}

export function groupZones(nodes: PictureNode[]): PictureZone[] {
  const zones = new Map<string, PictureNode[]>();
  for (const node of nodes) zones.set(node.zone ?? "", [...(zones.get(node.zone ?? "") ?? []), node]);
  return [...zones.entries()]
    .sort(([left], [right]) => left.localeCompare(right))
    .map(([name, members]) => ({
      name,
      nodes: members.sort((left, right) => left.id.localeCompare(right.id)),
      capacityBytes: sum(members, (node) => node.capacityBytes),
      usableBytes: sum(members, (node) => node.usableBytes),
      storedPartitions: sum(members, (node) => node.storedPartitions),
      dataAvailableBytes: sum(members, (node) => node.dataAvailableBytes),
      dataTotalBytes: sum(members, (node) => node.dataTotalBytes),
    }));
}

function sum<T>(items: T[], pick: (item: T) => number | null): number {
  return items.reduce((total, item) => total + (pick(item) ?? 0), 0);
}

/** A node id as Garage's CLI prints it: the first 16 hex digits. */
export function shortNodeId(id: string): string {
  return id.slice(0, 16);
}
