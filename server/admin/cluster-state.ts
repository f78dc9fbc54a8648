import fs from "node:fs";
import os from "node:os";
import type { Engine } from "../engine/engine";
import type { VolumeState } from "../engine/service/cluster";
import { quorums } from "../engine/blocks/quorum";
import {
  currentLayout,
  versionStatuses,
  PARTITION_COUNT,
  type LayoutHistory,
  type LayoutVersion,
} from "../engine/layout";

/**
 * The facts shared by GetClusterStatus/Health/Statistics, /health and /metrics,
 * read from the engine's real state: volumes are the nodes.
 */

/** Garage's version string: tools gate features on it, and we serve the v2.3.0 API. */
export const garageVersion = "v2.3.0";
export const carportFeatures = ["carport", "k2v-disabled", "metrics", "sqlite"];

export interface ClusterFacts {
  history: LayoutHistory;
  layout: LayoutVersion;
  volumes: VolumeState[];
  metadata: { totalBytes: number; availableBytes: number } | null;
}

export async function clusterFacts(engine: Engine): Promise<ClusterFacts> {
  const history = engine.layout.history();
  const volumes = await engine.cluster.volumeStates();
  const metadata = await fs.promises
    .statfs(engine.config.metadataDir)
    .then((stats) => ({ totalBytes: stats.blocks * stats.bsize, availableBytes: stats.bavail * stats.bsize }))
    .catch(() => null);
  return { history, layout: currentLayout(history), volumes, metadata };
}

export function hostname(): string {
  return os.hostname();
}

/** Nodes that hold data under a Draining version but have no role in the current one. */
export function drainingNodes(history: LayoutHistory): Set<string> {
  const statuses = versionStatuses(history);
  const current = currentLayout(history);
  const draining = new Set<string>();
  for (const version of history.versions) {
    if (statuses.get(version.version) !== "Draining") continue;
    for (const id of Object.keys(version.roles)) if (!(id in current.roles)) draining.add(id);
  }
  return draining;
}

export interface ClusterHealth {
  status: "healthy" | "degraded" | "unavailable";
  knownNodes: number;
  connectedNodes: number;
  storageNodes: number;
  storageNodesUp: number;
  partitions: number;
  partitionsQuorum: number;
  partitionsAllOk: number;
}

export function clusterHealth(facts: ClusterFacts, mode: Engine["config"]["consistencyMode"]): ClusterHealth {
  const up = new Set(facts.volumes.filter((state) => state.isUp).map((state) => state.volume.id));
  const storageIds = Object.entries(facts.layout.roles)
    .filter(([, role]) => role.capacityBytes !== null)
    .map(([id]) => id);
  const quorum = quorums(facts.layout.replicationFactor, mode).write;
  let partitionsQuorum = 0;
  let partitionsAllOk = 0;
  for (const replicas of facts.layout.assignment) {
    const upCount = replicas.filter((id) => up.has(id)).length;
    if (upCount >= quorum) partitionsQuorum += 1;
    if (upCount === replicas.length) partitionsAllOk += 1;
  }
  const status =
    partitionsAllOk === PARTITION_COUNT ? "healthy" : partitionsQuorum === PARTITION_COUNT ? "degraded" : "unavailable";
  return {
    status,
    knownNodes: facts.volumes.length,
    connectedNodes: up.size,
    storageNodes: storageIds.length,
    storageNodesUp: storageIds.filter((id) => up.has(id)).length,
    partitions: PARTITION_COUNT,
    partitionsQuorum,
    partitionsAllOk,
  };
}

export interface StoredTotals {
  bucketCount: number;
  /** Current objects (what listings show). */
  objectCount: number;
  /** Bytes of every stored version, current and older. */
  objectBytes: number;
  /** Older versions kept by versioned buckets, and delete markers. */
  versionCount: number;
  deleteMarkerCount: number;
  unfinishedUploads: number;
}

/** Exact totals from the bucket counters. */
export function storedTotals(engine: Engine): StoredTotals {
  const totals: StoredTotals = {
    bucketCount: 0,
    objectCount: 0,
    objectBytes: 0,
    versionCount: 0,
    deleteMarkerCount: 0,
    unfinishedUploads: 0,
  };
  for (const bucket of engine.buckets.list()) {
    const counter = engine.buckets.counter(bucket.id);
    totals.bucketCount += 1;
    totals.objectCount += counter.objects;
    totals.objectBytes += counter.bytes + counter.versionBytes;
    totals.versionCount += counter.versions;
    totals.deleteMarkerCount += counter.deleteMarkers;
    totals.unfinishedUploads += counter.uploads;
  }
  return totals;
}
