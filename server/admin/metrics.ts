import type { Engine } from "../engine/engine";
import { clusterFacts, clusterHealth, storedTotals } from "./cluster-state";

/** Engine gauges appended to the request metrics on /metrics (Prometheus text). */

function gauge(lines: string[], name: string, help: string, samples: Array<[labels: string, value: number]>): void {
  lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
  for (const [labels, value] of samples) lines.push(`${name}${labels ? `{${labels}}` : ""} ${value}`);
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
  gauge(lines, "block_resync_errored_blocks", "Blocks recorded in error (missing or corrupt everywhere).", [
    ["", blocks.erroredBlocks],
  ]);
  gauge(lines, "block_resync_queue_length", "Blocks waiting for a resync retry.", [["", blocks.erroredBlocks]]);
  gauge(lines, "block_gc_queue_length", "Blocks queued for deletion by the collector.", [
    ["", blocks.collectorQueueLength],
  ]);
  return `${lines.join("\n")}\n`;
}
