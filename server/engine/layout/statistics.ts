/**
 * What a layout computation reports: the spec's `ComputationStat` object, and the plain
 * text lines `garage layout show` / PreviewClusterLayoutChanges print (the spec says
 * "do not try to parse this", so they are for people; the structure is in the statistics).
 */
import { clusterShape } from "./assignment";
import {
  LOW_PARTITION_SIZE_BYTES,
  LOW_USABLE_CAPACITY_PERCENT,
  PARTITION_COUNT,
  type LayoutStatistics,
  type LayoutVersion,
  type NodeStatistics,
  type ZoneStatistics,
} from "./types";

/** Like Rust's bytesize `to_string_as(false)`, which Garage uses: SI units, one decimal. */
export function formatBytesSI(bytes: number): string {
  const units = ["k", "M", "G", "T", "P", "E"];
  if (bytes < 1000) return `${bytes} B`;
  let exponent = 0;
  while (exponent < units.length && bytes >= 1000 ** (exponent + 1)) exponent++;
  return `${(bytes / 1000 ** exponent).toFixed(1)} ${units[exponent - 1]}B`;
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : (100 * part) / whole;
}

function nodeStatistics(next: LayoutVersion, previous: LayoutVersion, id: string): NodeStatistics {
  const hadAssignment = previous.assignment.length > 0;
  let storedPartitions = 0;
  let newPartitions = 0;
  next.assignment.forEach((row, p) => {
    if (!row.includes(id)) return;
    storedPartitions++;
    if (!hadAssignment || !previous.assignment[p].includes(id)) newPartitions++;
  });
  const role = next.roles[id];
  return {
    id,
    tags: [...role.tags],
    storedPartitions,
    newPartitions,
    totalCapacity: role.capacityBytes ?? 0,
    usableCapacity: storedPartitions * next.partitionSizeBytes,
  };
}

function zoneStatistics(next: LayoutVersion, previous: LayoutVersion, zone: string, nodeIds: string[]): ZoneStatistics {
  const nodes = nodeIds.map((id) => nodeStatistics(next, previous, id));
  const totalReplicatedPartitions = nodes.reduce((sum, node) => sum + node.storedPartitions, 0);
  const inZone = new Set(nodeIds);
  return {
    name: zone,
    totalCapacity: nodes.reduce((sum, node) => sum + node.totalCapacity, 0),
    usableCapacity: totalReplicatedPartitions * next.partitionSizeBytes,
    totalReplicatedPartitions,
    uniquePartitions: next.assignment.filter((row) => row.some((id) => inZone.has(id))).length,
    nodes,
  };
}

export function layoutStatistics(next: LayoutVersion, previous: LayoutVersion): LayoutStatistics {
  const shape = clusterShape(next.roles, next.zoneRedundancy, next.replicationFactor);
  const zones = shape.zoneNames.map((zone, z) =>
    zoneStatistics(
      next,
      previous,
      zone,
      shape.nodes.filter((node) => node.zoneIndex === z).map((node) => node.id),
    ),
  );
  const rf = next.replicationFactor;
  const usableCapacity = next.partitionSizeBytes * PARTITION_COUNT * rf;
  const totalCapacity = zones.reduce((sum, zone) => sum + zone.totalCapacity, 0);
  const hadAssignment = previous.assignment.length > 0;
  const moved = zones.flatMap((zone) => zone.nodes).reduce((sum, node) => sum + node.newPartitions, 0);
  return {
    replicationFactor: rf,
    effectiveZoneRedundancy: shape.effectiveZoneRedundancy,
    partitionSize: next.partitionSizeBytes,
    previousPartitionSize: hadAssignment ? previous.partitionSizeBytes : null,
    lowPartitionSize: next.partitionSizeBytes < LOW_PARTITION_SIZE_BYTES,
    usableCapacity,
    totalCapacity,
    effectiveCapacity: Math.floor(usableCapacity / rf),
    lowUsableCapacity: percent(usableCapacity, totalCapacity) < LOW_USABLE_CAPACITY_PERCENT,
    totalMovedPartitions: hadAssignment ? moved : null,
    zones,
  };
}

/** Pads tab-separated cells into aligned columns, as Garage's format_table does. */
export function formatTable(rows: string[]): string[] {
  const cells = rows.map((row) => row.split("\t"));
  const widths: number[] = [];
  for (const row of cells) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return cells.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] + 2)))
      .join("")
      .trimEnd(),
  );
}

function zoneTable(stats: LayoutStatistics): string[] {
  const rows: string[] = [];
  for (const zone of stats.zones) {
    rows.push(`${zone.name}\tTags\tPartitions\tCapacity\tUsable capacity`);
    for (const node of zone.nodes) {
      const usage = percent(node.usableCapacity, node.totalCapacity).toFixed(1);
      rows.push(
        `  ${node.id.slice(0, 16)}\t[${node.tags.join(",")}]\t${node.storedPartitions} (${node.newPartitions} new)\t` +
          `${formatBytesSI(node.totalCapacity)}\t${formatBytesSI(node.usableCapacity)} (${usage}%)`,
      );
    }
    const usage = percent(zone.usableCapacity, zone.totalCapacity).toFixed(1);
    rows.push(
      `  TOTAL\t\t${zone.totalReplicatedPartitions} (${zone.uniquePartitions} unique)\t` +
        `${formatBytesSI(zone.totalCapacity)}\t${formatBytesSI(zone.usableCapacity)} (${usage}%)`,
    );
    rows.push("");
  }
  return formatTable(rows);
}

function capacityLines(stats: LayoutStatistics): string[] {
  const usage = percent(stats.usableCapacity, stats.totalCapacity).toFixed(1);
  const lines = [
    `Usable capacity / total cluster capacity:   ${formatBytesSI(stats.usableCapacity)} / ${formatBytesSI(stats.totalCapacity)} (${usage} %)`,
    `Effective capacity (replication factor ${stats.replicationFactor}):  ${formatBytesSI(stats.effectiveCapacity)}`,
  ];
  if (!stats.lowUsableCapacity) return lines;
  return [
    ...lines,
    "",
    "If the percentage is too low, it might be that the cluster topology and redundancy constraints are forcing the use of nodes/zones with small storage capacities.",
    "You might want to move storage capacity between zones or relax the redundancy constraint.",
    "See the detailed statistics below and look for saturated nodes/zones.",
  ];
}

/** The lines Garage prints under "COMPUTATION OF A NEW PARTITION ASSIGNATION". */
export function layoutMessages(stats: LayoutStatistics): string[] {
  const size = formatBytesSI(stats.partitionSize);
  const previous =
    stats.previousPartitionSize === null ? "" : ` (${formatBytesSI(stats.previousPartitionSize)} in previous layout)`;
  const lines = [
    "==== COMPUTATION OF A NEW PARTITION ASSIGNATION ====",
    "",
    `Partitions are replicated ${stats.replicationFactor} times on at least ${stats.effectiveZoneRedundancy} distinct zones.`,
    "",
    `Optimal partition size:                     ${size}${previous}`,
  ];
  if (stats.lowPartitionSize) {
    lines.push(
      `WARNING: The partition size is low (< ${LOW_PARTITION_SIZE_BYTES}), make sure the capacities of your nodes are correct and are of at least a few MB`,
    );
  }
  lines.push(...capacityLines(stats), "");
  if (stats.totalMovedPartitions !== null) {
    lines.push(`A total of ${stats.totalMovedPartitions} new copies of partitions need to be transferred.`, "");
  }
  return [...lines, ...zoneTable(stats)];
}
