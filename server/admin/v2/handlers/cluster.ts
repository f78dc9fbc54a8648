import path from "node:path";
import { z } from "zod";
import { limits } from "../../../util/limits";
import type { V2OperationTable, V2Schema } from "../contract";
import { defineOperation } from "../define";
import {
  clusterFacts,
  clusterHealth,
  drainingNodes,
  garageVersion,
  hostname,
  storedTotals,
  type ClusterFacts,
} from "../../cluster-state";
import type { AdminRequestContext } from "../../context";
import { formatBytesSI, nodeUsage } from "../../../engine/layout";
import { toAdminError } from "../../errors";

/** GetClusterStatus, GetClusterHealth, GetClusterStatistics, ConnectClusterNodes. */

function nodeResp(facts: ClusterFacts, draining: Set<string>): V2Schema<"NodeResp">[] {
  return facts.volumes.map((state) => {
    const role = facts.layout.roles[state.volume.id];
    return {
      id: state.volume.id,
      garageVersion,
      // The embedded engine's nodes are directories: the path is their address.
      addr: state.volume.root,
      hostname: hostname(),
      isUp: state.isUp,
      // As Garage: for disconnected nodes only, the seconds since they last answered (null: not since start).
      lastSeenSecsAgo:
        state.isUp || state.lastSeenMs === null
          ? null
          : Math.max(0, Math.floor((Date.now() - state.lastSeenMs) / 1000)),
      role: role ? { zone: role.zone, tags: role.tags, capacity: role.capacityBytes } : null,
      draining: draining.has(state.volume.id),
      dataPartition:
        state.totalBytes === null ? null : { available: state.availableBytes ?? 0, total: state.totalBytes },
      metadataPartition: facts.metadata
        ? { available: facts.metadata.availableBytes, total: facts.metadata.totalBytes }
        : null,
    };
  });
}

async function getClusterStatus(context: AdminRequestContext): Promise<V2Schema<"GetClusterStatusResponse">> {
  const facts = await clusterFacts(context.admin.engine);
  return { layoutVersion: facts.layout.version, nodes: nodeResp(facts, drainingNodes(facts.history)) };
}

/** Cluster-wide space for unique data: the tightest node, scaled from its share of partitions (as Garage). */
function availableForData(facts: ClusterFacts): { bytes: number | null; incomplete: boolean } {
  let best: number | null = null;
  let incomplete = false;
  const usage = nodeUsage(facts.layout);
  for (const [id, role] of Object.entries(facts.layout.roles)) {
    if (role.capacityBytes === null) continue;
    const stored = usage[id]?.storedPartitions ?? 0;
    const state = facts.volumes.find((candidate) => candidate.volume.id === id);
    if (!state || state.availableBytes === null) {
      incomplete = true;
      continue;
    }
    if (stored === 0) continue;
    const estimate = Math.floor((state.availableBytes * 256) / stored);
    best = best === null ? estimate : Math.min(best, estimate);
  }
  return { bytes: best, incomplete };
}

async function getClusterStatistics(context: AdminRequestContext) {
  const engine = context.admin.engine;
  const facts = await clusterFacts(engine);
  const totals = storedTotals(engine);
  const data = availableForData(facts);
  const usage = nodeUsage(facts.layout);
  const rows = facts.volumes.map((state) => {
    const role = facts.layout.roles[state.volume.id];
    const parts = usage[state.volume.id]?.storedPartitions ?? 0;
    const avail =
      state.totalBytes === null
        ? "?"
        : `${formatBytesSI(state.availableBytes ?? 0)}/${formatBytesSI(state.totalBytes)} (${((100 * (state.availableBytes ?? 0)) / Math.max(1, state.totalBytes)).toFixed(1)}%)`;
    return `  ${state.volume.id.slice(0, 16)}  ${hostname()}  ${role?.zone ?? "-"}  ${role?.capacityBytes == null ? "-" : formatBytesSI(role.capacityBytes)}  ${parts}  ${avail}  ${state.volume.root}`;
  });
  const freeform = [
    "Storage nodes:",
    "  ID                Hostname  Zone  Capacity  Part.  DataAvail  Path",
    ...rows,
    "",
    "Estimated available storage space cluster-wide (might be lower in practice):",
    data.bytes === null
      ? "  data: unknown"
      : `  data: ${formatBytesSI(data.bytes)}${data.incomplete ? " (some nodes did not report)" : ""}`,
    facts.metadata ? `  metadata: ${formatBytesSI(facts.metadata.availableBytes)}` : "  metadata: unknown",
    "",
    `Buckets: ${totals.bucketCount}`,
    `Objects: ${totals.objectCount} (${formatBytesSI(totals.objectBytes)} with every version)`,
    `Older versions: ${totals.versionCount}, delete markers: ${totals.deleteMarkerCount}`,
    "",
  ].join("\n");
  return {
    freeform,
    dataAvail: data.bytes,
    metadataAvail: facts.metadata?.availableBytes ?? null,
    incompleteAvailInfo: data.incomplete,
    bucketCount: totals.bucketCount,
    totalObjectCount: totals.objectCount,
    totalObjectBytes: totals.objectBytes,
  };
}

/**
 * Our design for "connecting a node": `<anything>@<absolute path>` or a plain
 * absolute path adds that directory as a new volume, which then appears in
 * GetClusterStatus without a role, ready for UpdateClusterLayout.
 */
async function connectNode(
  context: AdminRequestContext,
  node: string,
): Promise<{ success: boolean; error: string | null }> {
  const at = node.lastIndexOf("@");
  const target = at >= 0 ? node.slice(at + 1) : node;
  if (!path.isAbsolute(target))
    return {
      success: false,
      error: `Expected <id>@<absolute path> or an absolute path to a data directory, got '${node}'.`,
    };
  try {
    await context.admin.engine.cluster.addVolume(target);
    return { success: true, error: null };
  } catch (error) {
    return { success: false, error: toAdminError(error).message };
  }
}

export const clusterOperations = {
  GetClusterStatus: defineOperation({ handle: (context) => getClusterStatus(context) }),
  GetClusterHealth: defineOperation({
    handle: async (context) =>
      clusterHealth(await clusterFacts(context.admin.engine), context.admin.engine.config.consistencyMode),
  }),
  GetClusterStatistics: defineOperation({ handle: (context) => getClusterStatistics(context) }),
  ConnectClusterNodes: defineOperation({
    body: z.array(z.string()).max(limits.maxNodesPerRequest),
    handle: async (context, { body }) => {
      const results = [];
      for (const node of body) results.push(await connectNode(context, node));
      return results;
    },
  }),
} satisfies Partial<V2OperationTable>;
