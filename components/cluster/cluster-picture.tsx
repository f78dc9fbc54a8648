"use client";

import { useState } from "react";
import { partitionCount, type ClusterPicture, type PictureZone } from "@/lib/admin-api/cluster";
import { formatCount } from "@/lib/format/bytes";
import { formatMaybeBytes, formatPercent } from "@/lib/format/capacity";
import { NodeCard, NodeTile } from "./node-card";

/** Beyond this many nodes the picture starts compact (tiles); the admin can switch. */
export const compactFromNodes = 12;

function ZoneGroup({
  zone,
  compact,
  replicationFactor,
}: {
  zone: PictureZone;
  compact: boolean;
  replicationFactor: number | null;
}) {
  const up = zone.nodes.filter((node) => node.isUp).length;
  return (
    <section
      aria-label={`Zone ${zone.name}`}
      data-testid="cluster-zone"
      className="rounded-lg border border-border bg-surface p-4"
    >
      <header className="mb-3 flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h2 className="text-base font-semibold">Zone {zone.name}</h2>
        <p className="text-xs text-muted">
          {zone.nodes.length} {zone.nodes.length === 1 ? "node" : "nodes"} ({up} up) · capacity{" "}
          {formatMaybeBytes(zone.capacityBytes)} · usable {formatMaybeBytes(zone.usableBytes)} (
          {formatPercent(zone.usableBytes, zone.capacityBytes)})
          {replicationFactor
            ? ` · ${formatCount(zone.storedPartitions)} of ${formatCount(partitionCount * replicationFactor)} partition copies`
            : ""}
        </p>
      </header>
      <ul className={`flex flex-wrap ${compact ? "gap-1.5" : "gap-3"}`}>
        {zone.nodes.map((node) =>
          compact ? <NodeTile key={node.id} node={node} /> : <NodeCard key={node.id} node={node} />,
        )}
      </ul>
    </section>
  );
}

/** Partitions that lost a copy (a volume is down) or their write quorum, said in words. */
function PartitionsState({ picture }: { picture: ClusterPicture }) {
  const partitions = picture.partitions;
  if (!partitions || partitions.allCopies === partitions.total) return null;
  const down = [...picture.zones.flatMap((zone) => zone.nodes), ...picture.others].filter((node) => !node.isUp).length;
  const noQuorum = partitions.total - partitions.withQuorum;
  return (
    <p
      role="status"
      data-testid="degraded-partitions"
      className={`rounded-md border p-3 text-sm ${noQuorum > 0 ? "border-bad text-bad" : "border-warn text-warn"}`}
    >
      {down} {down === 1 ? "volume is" : "volumes are"} down: {partitions.total - partitions.allCopies} of{" "}
      {partitions.total} partitions are degraded (a copy is unreachable).{" "}
      {noQuorum > 0
        ? `${noQuorum} have lost their write quorum: writes to them fail until the volumes return.`
        : "Every partition keeps its write quorum: reads and writes go on, and the missing copies are restored when the volumes return."}
    </p>
  );
}

/** The layout as a picture: zones as groups of volumes, each with its bars; totals on top. */
export function ClusterPictureView({ picture }: { picture: ClusterPicture }) {
  const nodeCount = picture.zones.reduce((total, zone) => total + zone.nodes.length, 0) + picture.others.length;
  const [compact, setCompact] = useState(nodeCount > compactFromNodes);
  const capacity = picture.zones.reduce((total, zone) => total + zone.capacityBytes, 0);
  const usable = picture.zones.reduce((total, zone) => total + zone.usableBytes, 0);
  return (
    <div className="flex flex-col gap-4">
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
        <div className="flex gap-1">
          <dt className="text-muted">Layout version</dt>
          <dd className="font-semibold" data-testid="layout-version">
            {picture.layoutVersion}
          </dd>
        </div>
        <div className="flex gap-1">
          <dt className="text-muted">Replication factor</dt>
          <dd className="font-semibold">{picture.replicationFactor ?? "—"}</dd>
        </div>
        <div className="flex gap-1">
          <dt className="text-muted">Zone redundancy</dt>
          <dd className="font-semibold">{picture.zoneRedundancy ?? "—"}</dd>
        </div>
        <div className="flex gap-1">
          <dt className="text-muted">Capacity</dt>
          <dd className="font-semibold">
            {formatMaybeBytes(capacity)} (usable {formatMaybeBytes(usable)})
          </dd>
        </div>
        <div className="flex gap-1">
          <dt className="text-muted">Partition size</dt>
          <dd className="font-semibold">{formatMaybeBytes(picture.partitionSizeBytes)}</dd>
        </div>
      </dl>
      <label className="flex items-center gap-2 self-start text-sm">
        <input
          type="checkbox"
          className="size-4 accent-accent"
          checked={compact}
          onChange={(event) => setCompact(event.target.checked)}
        />
        Compact view ({nodeCount} nodes)
      </label>
      <PartitionsState picture={picture} />
      {picture.stagedChanges > 0 ? (
        <p role="status" className="rounded-md border border-warn p-3 text-sm text-warn">
          {picture.stagedChanges} staged {picture.stagedChanges === 1 ? "change is" : "changes are"} waiting in the
          layout editor.
        </p>
      ) : null}
      <div className="grid gap-4">
        {picture.zones.map((zone) => (
          <ZoneGroup key={zone.name} zone={zone} compact={compact} replicationFactor={picture.replicationFactor} />
        ))}
      </div>
      {picture.others.length ? (
        <section aria-label="Nodes without storage" className="rounded-lg border border-dashed border-border p-4">
          <h2 className="mb-3 text-base font-semibold">Without storage (new volumes, gateways)</h2>
          <ul className={`flex flex-wrap ${compact ? "gap-1.5" : "gap-3"}`}>
            {picture.others.map((node) =>
              compact ? <NodeTile key={node.id} node={node} /> : <NodeCard key={node.id} node={node} />,
            )}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
