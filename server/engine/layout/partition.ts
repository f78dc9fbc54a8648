/** Where data lives under a layout version: hash → partition → nodes. */
import { assert } from "../../util/assert";
import { PARTITION_BITS, PARTITION_COUNT, type LayoutVersion, type NodeId } from "./types";

/** Garage takes the top PARTITION_BITS bits of the hash; with 8 bits that is the first byte. */
export function partitionOf(hash: Uint8Array): number {
  assert(hash.length >= 2, "partitionOf: hash too short");
  const top16 = (hash[0] << 8) | hash[1];
  return top16 >> (16 - PARTITION_BITS);
}

/** The nodes holding partition p, or [] when the version has no assignment yet (version 0). */
export function nodesOfPartition(version: LayoutVersion, partition: number): NodeId[] {
  assert(
    Number.isInteger(partition) && partition >= 0 && partition < PARTITION_COUNT,
    "nodesOfPartition: bad partition",
  );
  return [...(version.assignment[partition] ?? [])];
}

export interface NodeUsage {
  storedPartitions: number;
  usableCapacityBytes: number;
}

/** Per storage node of the version: partitions held and the capacity they use. Gateways are absent. */
export function nodeUsage(version: LayoutVersion): Record<NodeId, NodeUsage> {
  const usage: Record<NodeId, NodeUsage> = {};
  for (const [id, role] of Object.entries(version.roles)) {
    if (role.capacityBytes !== null) usage[id] = { storedPartitions: 0, usableCapacityBytes: 0 };
  }
  for (const row of version.assignment) {
    for (const id of row) {
      const entry = usage[id];
      assert(entry !== undefined, "nodeUsage: assignment names a node without storage role");
      entry.storedPartitions++;
      entry.usableCapacityBytes += version.partitionSizeBytes;
    }
  }
  return usage;
}
