/**
 * The layout history: versions (the last is current), staged changes and update trackers.
 * A version is never rewritten and its number never reused; a newer one is appended.
 */
import { computeAssignment } from "./assignment";
import { stagedRoles } from "./staging";
import { layoutMessages, layoutStatistics } from "./statistics";
import {
  emptyStaging,
  layoutError,
  MAX_HISTORICAL_VERSIONS,
  type LayoutHistory,
  type LayoutResult,
  type LayoutStatistics,
  type LayoutVersion,
  type NodeId,
  type NodeUpdateTrackers,
} from "./types";

/** Version 0: no roles, no assignment, zone redundancy "maximum" (Garage's default). */
export function createLayoutHistory(replicationFactor: number): LayoutHistory {
  const initial: LayoutVersion = {
    version: 0,
    replicationFactor,
    zoneRedundancy: "maximum",
    roles: {},
    partitionSizeBytes: 0,
    assignment: [],
  };
  return { versions: [initial], staging: emptyStaging(), trackers: {} };
}

export function currentLayout(history: LayoutHistory): LayoutVersion {
  return history.versions[history.versions.length - 1];
}

export interface LayoutComputation {
  newVersion: LayoutVersion;
  messages: string[];
  statistics: LayoutStatistics;
}

/** Computes the version that applying the staged changes would create, without creating it. */
export function previewLayout(history: LayoutHistory): LayoutResult<LayoutComputation> {
  const previous = currentLayout(history);
  const roles = stagedRoles(history);
  const zoneRedundancy = history.staging.parameters?.zoneRedundancy ?? previous.zoneRedundancy;
  const computed = computeAssignment({
    roles,
    zoneRedundancy,
    replicationFactor: previous.replicationFactor,
    previousAssignment: previous.assignment,
  });
  if (!computed.ok) return computed;
  const newVersion: LayoutVersion = {
    version: previous.version + 1,
    replicationFactor: previous.replicationFactor,
    zoneRedundancy,
    roles,
    partitionSizeBytes: computed.partitionSizeBytes,
    assignment: computed.assignment,
  };
  const statistics = layoutStatistics(newVersion, previous);
  return { ok: true, newVersion, messages: layoutMessages(statistics), statistics };
}

/**
 * Applies the staged changes as version `version`, which must be exactly current + 1: the
 * caller proves it has seen the current layout, as `garage layout apply --version` does.
 */
export function applyLayout(
  history: LayoutHistory,
  version: number,
): LayoutResult<LayoutComputation & { history: LayoutHistory }> {
  const expected = currentLayout(history).version + 1;
  if (version !== expected) {
    return layoutError("InvalidVersion", `Invalid new layout version: ${version} (the next version is ${expected}).`);
  }
  const preview = previewLayout(history);
  if (!preview.ok) return preview;
  const trackers = acknowledge(history.trackers, preview.newVersion);
  const next: LayoutHistory = {
    versions: [...history.versions, preview.newVersion],
    staging: emptyStaging(),
    trackers,
  };
  return { ...preview, history: pruneHistorical(next) };
}

/** In one process every node learns of a new version the moment it is applied. */
function acknowledge(
  trackers: Record<NodeId, NodeUpdateTrackers>,
  version: LayoutVersion,
): Record<NodeId, NodeUpdateTrackers> {
  const next = { ...trackers };
  for (const id of Object.keys(version.roles)) {
    const old = next[id] ?? { ack: 0, sync: 0, syncAck: 0 };
    next[id] = { ...old, ack: Math.max(old.ack, version.version) };
  }
  return next;
}

/**
 * Records that a node holds all the data it should under `version` (and has acknowledged
 * it). Versions above the current one are clamped: nothing can be synced to the future.
 */
export function markSynced(history: LayoutHistory, nodeId: NodeId, version: number): LayoutHistory {
  const clamped = Math.min(version, currentLayout(history).version);
  const old = history.trackers[nodeId] ?? { ack: 0, sync: 0, syncAck: 0 };
  const updated: NodeUpdateTrackers = {
    ack: Math.max(old.ack, clamped),
    sync: Math.max(old.sync, clamped),
    syncAck: Math.max(old.syncAck, clamped),
  };
  return pruneHistorical({ ...history, trackers: { ...history.trackers, [nodeId]: updated } });
}

export type LayoutVersionStatus = "Current" | "Draining" | "Historical";

function storageNodeIds(version: LayoutVersion): NodeId[] {
  return Object.entries(version.roles)
    .filter(([, role]) => role.capacityBytes !== null)
    .map(([id]) => id);
}

/**
 * An older version is Draining while some node that stores data under it or under a newer
 * version has not synced past it: its placement may still hold the only copies. Walking
 * from newest to oldest, the first version that is fully synced (or holds no data) and
 * everything older is Historical.
 */
export function versionStatuses(history: LayoutHistory): Map<number, LayoutVersionStatus> {
  const statuses = new Map<number, LayoutVersionStatus>();
  const versions = history.versions;
  const current = versions[versions.length - 1];
  statuses.set(current.version, "Current");
  const involved = new Set(storageNodeIds(current));
  let draining = true;
  for (let i = versions.length - 2; i >= 0; i--) {
    const version = versions[i];
    const holdsData = storageNodeIds(version).length > 0;
    draining = draining && holdsData && version.version >= minSync(history, involved);
    statuses.set(version.version, draining ? "Draining" : "Historical");
    if (draining) for (const id of storageNodeIds(version)) involved.add(id);
  }
  return statuses;
}

function minSync(history: LayoutHistory, nodes: Set<NodeId>): number {
  let min = Infinity;
  for (const id of nodes) min = Math.min(min, history.trackers[id]?.sync ?? 0);
  return min;
}

/** Keeps every live version and at most MAX_HISTORICAL_VERSIONS historical ones. */
function pruneHistorical(history: LayoutHistory): LayoutHistory {
  const statuses = versionStatuses(history);
  const historical = history.versions.filter((v) => statuses.get(v.version) === "Historical");
  const excess = new Set(
    historical.slice(0, Math.max(0, historical.length - MAX_HISTORICAL_VERSIONS)).map((v) => v.version),
  );
  if (excess.size === 0) return history;
  return { ...history, versions: history.versions.filter((v) => !excess.has(v.version)) };
}

export interface LayoutHistorySummary {
  currentVersion: number;
  minAck: number;
  versions: { version: number; status: LayoutVersionStatus; storageNodes: number; gatewayNodes: number }[];
  updateTrackers: Record<NodeId, NodeUpdateTrackers>;
}

/** The shape of GetClusterLayoutHistoryResponse; versions newest first, as Garage lists them. */
export function layoutHistorySummary(history: LayoutHistory): LayoutHistorySummary {
  const current = currentLayout(history);
  const statuses = versionStatuses(history);
  const versions = [...history.versions].reverse().map((version) => {
    const storageNodes = storageNodeIds(version).length;
    return {
      version: version.version,
      status: statuses.get(version.version) ?? "Historical",
      storageNodes,
      gatewayNodes: Object.keys(version.roles).length - storageNodes,
    };
  });
  const acks = Object.keys(current.roles).map((id) => history.trackers[id]?.ack ?? 0);
  const minAck = acks.length === 0 ? current.version : Math.min(...acks);
  return { currentVersion: current.version, minAck, versions, updateTrackers: { ...history.trackers } };
}
