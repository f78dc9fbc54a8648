import { nodeLocation, partitionCount, shortNodeId, type PictureNode } from "@/lib/admin-api/cluster";
import { formatMaybeBytes, formatPercent } from "@/lib/format/capacity";
import { Bar } from "./bar";

function stateText(node: PictureNode): string {
  const seen = !node.isUp && node.lastSeenSecsAgo !== null ? ` (last seen ${formatAgo(node.lastSeenSecsAgo)})` : "";
  return `${node.isUp ? "up" : "down"}${seen}${node.draining ? ", draining" : ""}`;
}

function formatAgo(seconds: number): string {
  if (seconds < 120) return `${seconds} s ago`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min ago`;
  return `${Math.round(seconds / 3600)} h ago`;
}

function describeNode(node: PictureNode): string {
  const parts = [`Node ${shortNodeId(node.id)}`, stateText(node), node.zone ? `zone ${node.zone}` : "no role"];
  const location = nodeLocation(node.address);
  if (location) parts.push(`${location.label.toLowerCase()} ${location.value}`);
  if (node.capacityBytes !== null) parts.push(`capacity ${formatMaybeBytes(node.capacityBytes)}`);
  if (node.usableBytes !== null) parts.push(`usable ${formatMaybeBytes(node.usableBytes)}`);
  if (node.storedPartitions !== null) parts.push(`${node.storedPartitions} partitions`);
  return parts.join(", ");
}

function StateDot({ node }: { node: PictureNode }) {
  return (
    <span
      aria-hidden="true"
      className={`inline-block size-2.5 shrink-0 rounded-full ${node.isUp ? (node.draining ? "bg-warn" : "bg-ok") : "bg-bad"}`}
    />
  );
}

/** One volume: identity, state, then capacity, usable capacity and partitions as bars. */
export function NodeCard({ node }: { node: PictureNode }) {
  const diskUsed =
    node.dataTotalBytes !== null && node.dataAvailableBytes !== null
      ? node.dataTotalBytes - node.dataAvailableBytes
      : null;
  return (
    <li
      data-testid="cluster-node"
      aria-label={describeNode(node)}
      className={`flex w-full flex-col gap-2 rounded-md border bg-background p-3 sm:w-64 ${node.isUp ? "border-border" : "border-2 border-bad"}`}
    >
      <div className="flex items-center gap-2">
        <StateDot node={node} />
        <code className="truncate text-sm font-semibold" title={node.id}>
          {shortNodeId(node.id)}
        </code>
        <span className={`ml-auto text-xs ${node.isUp ? "text-ok" : "text-bad"}`}>{stateText(node)}</span>
      </div>
      <NodeLocation node={node} />
      {node.hostname || node.tags.length ? (
        <p className="truncate text-xs text-muted">
          {node.hostname}
          {node.tags.length ? ` · ${node.tags.join(", ")}` : ""}
        </p>
      ) : null}
      {node.kind === "storage" ? (
        <>
          <Bar
            label="Capacity"
            part={node.usableBytes ?? 0}
            whole={node.capacityBytes ?? 0}
            text={formatMaybeBytes(node.capacityBytes)}
            tone="ok"
          />
          {node.usableBytes !== null ? (
            <Bar
              label="Usable"
              part={node.usableBytes}
              whole={node.capacityBytes ?? 0}
              text={`${formatMaybeBytes(node.usableBytes)} (${formatPercent(node.usableBytes, node.capacityBytes ?? 0)})`}
            />
          ) : null}
          {node.storedPartitions !== null ? (
            <Bar
              label="Partitions"
              part={node.storedPartitions}
              whole={partitionCount}
              text={`${node.storedPartitions} / ${partitionCount}`}
            />
          ) : null}
        </>
      ) : (
        <p className="text-xs text-muted">
          {node.kind === "gateway"
            ? "Gateway: stores no data."
            : "No role yet: give it a zone and a capacity in the layout editor."}
        </p>
      )}
      {diskUsed !== null && node.dataTotalBytes ? (
        <Bar
          label="Disk used"
          part={diskUsed}
          whole={node.dataTotalBytes}
          text={`${formatMaybeBytes(diskUsed)} of ${formatMaybeBytes(node.dataTotalBytes)}`}
          tone="warn"
        />
      ) : null}
    </li>
  );
}

/** The volume's directory (or the node's address), whole: it is what tells two volumes apart. */
function NodeLocation({ node }: { node: PictureNode }) {
  const location = nodeLocation(node.address);
  if (!location) return null;
  return (
    <p className="text-xs break-all" data-testid="node-location">
      <span className="text-muted">{location.label} </span>
      <code>{location.value}</code>
    </p>
  );
}

/** A small tile for large clusters: state and partitions, details in its accessible name and title. */
export function NodeTile({ node }: { node: PictureNode }) {
  const description = describeNode(node);
  const share = node.storedPartitions !== null ? Math.round((node.storedPartitions / partitionCount) * 100) : 0;
  return (
    <li data-testid="cluster-node" className="w-28">
      <span
        tabIndex={0}
        title={description}
        aria-label={description}
        className={`flex flex-col gap-1 rounded border bg-background p-1.5 focus-visible:outline-2 focus-visible:outline-accent ${node.isUp ? "border-border" : "border-bad"}`}
      >
        <span className="flex items-center gap-1">
          <StateDot node={node} />
          <code className="truncate text-xs">{node.id.slice(0, 8)}</code>
        </span>
        <span aria-hidden="true" className="h-1 w-full overflow-hidden rounded-full bg-border">
          <span className="block h-full bg-accent" style={{ width: `${share}%` }} />
        </span>
      </span>
    </li>
  );
}
