import type { Engine } from "../engine/engine";
import { clusterFacts, clusterHealth, storedTotals } from "./cluster-state";

/** Engine gauges appended to the request metrics on /metrics (Prometheus text). */

type Samples = Array<[labels: string, value: number]>;

function metric(lines: string[], type: "gauge" | "counter", name: string, help: string, samples: Samples): void {
  lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
  for (const [labels, value] of samples) lines.push(`${name}${labels ? `{${labels}}` : ""} ${value}`);
}

function gauge(lines: string[], name: string, help: string, samples: Samples): void {
  metric(lines, "gauge", name, help, samples);
}

function counter(lines: string[], name: string, help: string, value: number): void {
  metric(lines, "counter", name, help, [["", value]]);
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

export async function engineMetrics(engine: Engine): Promise<string> {
  const facts = await clusterFacts(engine);
  const health = clusterHealth(facts, engine.config.consistencyMode);
  const totals = storedTotals(engine);
  const lines: string[] = [];
  gauge(lines, "cluster_healthy", "1 when every partition has all its copies reachable.", [
    ["", health.status === "healthy" ? 1 : 0],
  ]);
  gauge(lines, "cluster_layout_version", "Current cluster layout version.", [["", facts.layout.version]]);
  gauge(lines, "cluster_storage_nodes_up", "Storage nodes (volumes with a role) reachable.", [
    ["", health.storageNodesUp],
  ]);
  gauge(lines, "carport_buckets", "Buckets stored.", [["", totals.bucketCount]]);
  gauge(lines, "carport_objects", "Objects stored.", [["", totals.objectCount]]);
  gauge(lines, "carport_object_bytes", "Bytes of object data stored, every version (logical size).", [
    ["", totals.objectBytes],
  ]);
  gauge(lines, "carport_object_versions", "Older object versions kept by versioned buckets.", [
    ["", totals.versionCount],
  ]);
  gauge(lines, "carport_delete_markers", "Delete markers in versioned buckets.", [["", totals.deleteMarkerCount]]);
  gauge(lines, "carport_unfinished_uploads", "Multipart uploads in progress.", [["", totals.unfinishedUploads]]);
  const lifecycle = engine.lifecycle.totals;
  counter(lines, "carport_lifecycle_runs_total", "Lifecycle runs since start.", engine.lifecycle.runs);
  counter(
    lines,
    "carport_lifecycle_objects_expired_total",
    "Objects expired by lifecycle rules.",
    lifecycle.objectsExpired,
  );
  counter(
    lines,
    "carport_lifecycle_noncurrent_versions_expired_total",
    "Older versions expired by lifecycle rules.",
    lifecycle.noncurrentVersionsExpired,
  );
  counter(
    lines,
    "carport_lifecycle_delete_markers_removed_total",
    "Expired delete markers removed by lifecycle rules.",
    lifecycle.deleteMarkersRemoved,
  );
  counter(
    lines,
    "carport_lifecycle_uploads_aborted_total",
    "Unfinished multipart uploads aborted by lifecycle rules.",
    lifecycle.uploadsAborted,
  );
  const volumeLabels = (id: string, root: string) => `volume="${id.slice(0, 16)}",path="${escapeLabel(root)}"`;
  gauge(
    lines,
    "carport_volume_up",
    "1 when the volume's directory is accessible.",
    facts.volumes.map((state) => [volumeLabels(state.volume.id, state.volume.root), state.isUp ? 1 : 0]),
  );
  const measured = facts.volumes.filter((state) => state.totalBytes !== null);
  gauge(
    lines,
    "carport_volume_capacity_bytes",
    "Size of the volume's filesystem.",
    measured.map((state) => [volumeLabels(state.volume.id, state.volume.root), state.totalBytes ?? 0]),
  );
  gauge(
    lines,
    "carport_volume_free_bytes",
    "Space available on the volume's filesystem.",
    measured.map((state) => [volumeLabels(state.volume.id, state.volume.root), state.availableBytes ?? 0]),
  );
  const blocks = engine.maintenance.blockStatistics();
  gauge(lines, "block_resync_errored_blocks", "Blocks recorded in error (a copy missing or bad, not yet repaired).", [
    ["", blocks.erroredBlocks],
  ]);
  gauge(lines, "block_resync_queue_length", "Blocks waiting for the resync (queued or not yet checked by a restore).", [
    ["", blocks.resyncQueueLength],
  ]);
  gauge(lines, "block_gc_queue_length", "Blocks queued for deletion by the collector.", [
    ["", blocks.collectorQueueLength],
  ]);
  repairMetrics(lines, engine, (id) => {
    const state = facts.volumes.find((candidate) => candidate.volume.id === id);
    return volumeLabels(id, state?.volume.root ?? "");
  });
  return `${lines.join("\n")}\n`;
}

/** Resync per volume, copies repaired, rebalance and scrub progress. */
function repairMetrics(lines: string[], engine: Engine, labelsOf: (volumeId: string) => string): void {
  const figures = engine.maintenance.repairFigures();
  gauge(
    lines,
    "carport_volume_resync_queue_length",
    "Blocks the resync has yet to bring to the volume.",
    Object.entries(figures.resyncQueueByVolume).map(([id, length]) => [labelsOf(id), length]),
  );
  metric(lines, "counter", "carport_blocks_repaired_total", "Block copies restored by the resync since start.", [
    ["", figures.repairedCopies],
  ]);
  const { rebalance, scrub } = figures;
  gauge(lines, "carport_rebalance_active", "1 while a rebalance moves data after a layout change.", [
    ["", rebalance.active ? 1 : 0],
  ]);
  gauge(lines, "carport_rebalance_partitions_done", "Partitions (or stray directories) the rebalance has finished.", [
    [`phase="${rebalance.phase ?? "none"}"`, rebalance.partitionsDone],
  ]);
  gauge(lines, "carport_rebalance_partitions_total", "Partitions (or stray directories) of the rebalance's phase.", [
    [`phase="${rebalance.phase ?? "none"}"`, rebalance.partitionsTotal],
  ]);
  gauge(lines, "carport_rebalance_copied_blocks", "Blocks the current rebalance has copied.", [
    ["", rebalance.copiedBlocks],
  ]);
  gauge(lines, "carport_rebalance_removed_copies", "Copies the current rebalance has removed.", [
    ["", rebalance.removedCopies],
  ]);
  gauge(lines, "carport_scrub_running", "1 while a scrub runs.", [["", scrub.running ? 1 : 0]]);
  gauge(lines, "carport_scrub_checked_blocks", "Block copies the running scrub has verified.", [
    ["", scrub.checkedBlocks],
  ]);
  gauge(lines, "carport_scrub_corrupt_blocks", "Bad copies the running scrub has found.", [["", scrub.corruptBlocks]]);
  metric(lines, "counter", "carport_scrub_corruptions_detected_total", "Bad copies found by every scrub.", [
    ["", scrub.corruptionsDetected],
  ]);
  gauge(lines, "carport_scrub_last_completed_seconds", "When the last scrub completed (Unix time, 0: never).", [
    ["", scrub.lastCompletedMs === null ? 0 : Math.floor(scrub.lastCompletedMs / 1000)],
  ]);
}
