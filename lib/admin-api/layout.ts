import {
  describeZoneRedundancy,
  partitionCount,
  replicationFactorOf,
  type ZoneRedundancy,
} from "@/lib/admin-api/cluster";
import type { components } from "@/contracts/garage-admin-v2.gen";

/**
 * The layout editor's data and the preview's side-by-side comparison. Both sides: pure
 * functions over Garage's v2 shapes, so they are unit-tested without a cluster.
 */
type Schemas = components["schemas"];
type Layout = Schemas["GetClusterLayoutResponse"];

export interface LayoutRole {
  id: string;
  zone: string;
  tags: string[];
  capacityBytes: number | null;
  storedPartitions: number | null;
  usableBytes: number | null;
}

export type StagedChange =
  | { id: string; remove: true }
  | { id: string; remove: false; zone: string; tags: string[]; capacityBytes: number | null };

export interface CandidateNode {
  id: string;
  hostname: string | null;
  /** Its volume directory (the embedded engine) or RPC address (Garage). */
  address: string | null;
  isUp: boolean;
}

export interface HistoryEntry {
  version: number;
  status: Schemas["ClusterLayoutVersionStatus"];
  storageNodes: number;
  gatewayNodes: number;
}

export interface LayoutEditorData {
  version: number;
  roles: LayoutRole[];
  staged: StagedChange[];
  zoneRedundancy: string | null;
  stagedZoneRedundancy: string | null;
  /** Connected nodes with no role yet: new volumes waiting for a zone and a capacity. */
  candidates: CandidateNode[];
  /** Every connected node's directory or address, by node id (roles carry none). */
  nodeAddresses: Record<string, string>;
  history: { currentVersion: number; minAck: number; versions: HistoryEntry[] } | null;
}

export interface PreviewRow {
  id: string;
  zone: string | null;
  change: "added" | "removed" | "changed" | "same";
  capacityBefore: number | null;
  capacityAfter: number | null;
  partitionsBefore: number;
  partitionsAfter: number;
  /** Partitions this node must receive (statistics.newPartitions, or the increase). */
  newPartitions: number;
  usableBefore: number;
  usableAfter: number;
}

export interface LayoutPreview {
  rows: PreviewRow[];
  movedPartitions: number;
  usableBefore: number;
  usableAfter: number;
  effectiveAfter: number | null;
  partitionSizeBefore: number;
  partitionSizeAfter: number;
  replicationFactor: number | null;
  zoneRedundancy: string | null;
  messages: string[];
  warnings: string[];
}

export function toLayoutRoles(layout: Layout): LayoutRole[] {
  return layout.roles.map((role) => ({
    id: role.id,
    zone: role.zone,
    tags: role.tags,
    capacityBytes: role.capacity ?? null,
    storedPartitions: role.storedPartitions ?? null,
    usableBytes: role.usableCapacity ?? null,
  }));
}

export function toStagedChanges(layout: Layout): StagedChange[] {
  return layout.stagedRoleChanges.map((change) =>
    "remove" in change && change.remove
      ? { id: change.id, remove: true }
      : {
          id: change.id,
          remove: false,
          zone: "zone" in change ? change.zone : "",
          tags: "tags" in change ? change.tags : [],
          capacityBytes: "capacity" in change ? (change.capacity ?? null) : null,
        },
  );
}

export function stagedRedundancy(layout: Layout): string | null {
  return describeZoneRedundancy(layout.stagedParameters?.zoneRedundancy);
}

export function parseZoneRedundancy(text: string): ZoneRedundancy | null {
  if (text === "maximum") return "maximum";
  const atLeast = Number(text);
  return Number.isInteger(atLeast) && atLeast >= 1 && atLeast <= 7 ? { atLeast } : null;
}

export function comparePreview(
  current: Layout,
  next: Layout,
  messages: string[],
  statistics: Schemas["ComputationStat"] | null | undefined,
): LayoutPreview {
  const before = new Map(current.roles.map((role) => [role.id, role]));
  const after = new Map(next.roles.map((role) => [role.id, role]));
  const statNodes = new Map(
    (statistics?.zones ?? []).flatMap((zone) => zone.nodes.map((node) => [node.id, node] as const)),
  );
  const ids = [...new Set([...before.keys(), ...after.keys()])];
  const rows = ids.map((id): PreviewRow => {
    const old = before.get(id);
    const updated = after.get(id);
    const partitionsBefore = old?.storedPartitions ?? 0;
    const partitionsAfter = updated?.storedPartitions ?? 0;
    const changed =
      old &&
      updated &&
      (old.zone !== updated.zone || old.capacity !== updated.capacity || old.tags.join() !== updated.tags.join());
    return {
      id,
      zone: updated?.zone ?? old?.zone ?? null,
      change: !old ? "added" : !updated ? "removed" : changed ? "changed" : "same",
      capacityBefore: old?.capacity ?? null,
      capacityAfter: updated?.capacity ?? null,
      partitionsBefore,
      partitionsAfter,
      newPartitions: statNodes.get(id)?.newPartitions ?? Math.max(0, partitionsAfter - partitionsBefore),
      usableBefore: old?.usableCapacity ?? 0,
      usableAfter: updated?.usableCapacity ?? 0,
    };
  });
  rows.sort((left, right) => (left.zone ?? "").localeCompare(right.zone ?? "") || left.id.localeCompare(right.id));
  const replicationFactor = statistics?.replicationFactor ?? replicationFactorOf(next.roles);
  return {
    rows,
    movedPartitions: statistics?.totalMovedPartitions ?? rows.reduce((total, row) => total + row.newPartitions, 0),
    usableBefore: current.partitionSize * partitionCount * (replicationFactorOf(current.roles) ?? 0),
    usableAfter: statistics?.usableCapacity ?? next.partitionSize * partitionCount * (replicationFactor ?? 0),
    effectiveAfter: statistics?.effectiveCapacity ?? null,
    partitionSizeBefore: current.partitionSize,
    partitionSizeAfter: statistics?.partitionSize ?? next.partitionSize,
    replicationFactor,
    zoneRedundancy: describeZoneRedundancy(next.parameters.zoneRedundancy),
    messages,
    warnings: previewWarnings(statistics),
  };
}

function previewWarnings(statistics: Schemas["ComputationStat"] | null | undefined): string[] {
  const warnings: string[] = [];
  if (statistics?.lowPartitionSize)
    warnings.push("The partition size is very small: the cluster's capacity is too small to be split usefully.");
  if (statistics?.lowUsableCapacity)
    warnings.push(
      "Less than 80% of the raw capacity is usable: some nodes are too large for their zone, or zones are unbalanced.",
    );
  return warnings;
}
