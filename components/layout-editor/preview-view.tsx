import { shortNodeId } from "@/lib/admin-api/cluster";
import type { LayoutPreview, PreviewRow } from "@/lib/admin-api/layout";
import { formatCount } from "@/lib/format/bytes";
import { formatMaybeBytes } from "@/lib/format/capacity";

const changeLabels: Record<PreviewRow["change"], string> = {
  added: "new",
  removed: "removed",
  changed: "changed",
  same: "",
};

function BeforeAfter({ before, after }: { before: string; after: string }) {
  return before === after ? (
    <span>{after}</span>
  ) : (
    <span>
      <span className="text-muted">{before}</span> → <strong>{after}</strong>
    </span>
  );
}

/** The current and the new assignment side by side, with the algorithm's own words. */
export function PreviewView({ preview }: { preview: LayoutPreview }) {
  return (
    <div className="flex flex-col gap-4" data-testid="layout-preview">
      <PreviewFigures preview={preview} />
      {preview.warnings.map((warning) => (
        <p key={warning} role="status" className="rounded-md border border-warn p-3 text-sm text-warn">
          {warning}
        </p>
      ))}
      <PreviewTable rows={preview.rows} />
      {preview.messages.length ? (
        <details>
          <summary className="cursor-pointer text-sm font-medium">The layout algorithm&apos;s messages</summary>
          <pre className="mt-2 overflow-x-auto rounded-md border border-border bg-background p-3 text-xs">
            {preview.messages.join("\n")}
          </pre>
        </details>
      ) : null}
    </div>
  );
}

/** What the change does to the cluster as a whole. */
function PreviewFigures({ preview }: { preview: LayoutPreview }) {
  return (
    <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <div className="rounded-md border border-border p-3">
        <dt className="text-xs text-muted">Partitions moved</dt>
        <dd className="text-xl font-semibold tabular-nums" data-testid="moved-partitions">
          {formatCount(preview.movedPartitions)}
        </dd>
      </div>
      <div className="rounded-md border border-border p-3">
        <dt className="text-xs text-muted">Usable capacity</dt>
        <dd className="text-sm font-semibold">
          <BeforeAfter before={formatMaybeBytes(preview.usableBefore)} after={formatMaybeBytes(preview.usableAfter)} />
        </dd>
        {preview.effectiveAfter !== null ? (
          <dd className="text-xs text-muted">effective (÷ replication): {formatMaybeBytes(preview.effectiveAfter)}</dd>
        ) : null}
      </div>
      <div className="rounded-md border border-border p-3">
        <dt className="text-xs text-muted">Partition size</dt>
        <dd className="text-sm font-semibold">
          <BeforeAfter
            before={formatMaybeBytes(preview.partitionSizeBefore)}
            after={formatMaybeBytes(preview.partitionSizeAfter)}
          />
        </dd>
      </div>
      <div className="rounded-md border border-border p-3">
        <dt className="text-xs text-muted">Replication / zone redundancy</dt>
        <dd className="text-sm font-semibold">
          {preview.replicationFactor ?? "—"} / {preview.zoneRedundancy ?? "—"}
        </dd>
      </div>
    </dl>
  );
}

/** Per node: zone, capacity, partitions now and after, what it will receive. */
function PreviewTable({ rows }: { rows: PreviewRow[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[40rem] text-left text-sm">
        <caption className="sr-only">Current and new assignment per node</caption>
        <thead className="text-xs text-muted">
          <tr>
            <th scope="col" className="py-1 pr-3">
              Node
            </th>
            <th scope="col" className="py-1 pr-3">
              Zone
            </th>
            <th scope="col" className="py-1 pr-3">
              Capacity
            </th>
            <th scope="col" className="py-1 pr-3">
              Partitions (now → new)
            </th>
            <th scope="col" className="py-1 pr-3">
              To receive
            </th>
            <th scope="col" className="py-1 pr-3">
              Usable (now → new)
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-t border-border">
              <th scope="row" className="py-1.5 pr-3 font-normal">
                <code>{shortNodeId(row.id)}</code>{" "}
                {changeLabels[row.change] ? (
                  <span className="text-xs text-warn">{changeLabels[row.change]}</span>
                ) : null}
              </th>
              <td className="py-1.5 pr-3">{row.zone ?? "—"}</td>
              <td className="py-1.5 pr-3">
                <BeforeAfter
                  before={formatMaybeBytes(row.capacityBefore)}
                  after={formatMaybeBytes(row.capacityAfter)}
                />
              </td>
              <td className="py-1.5 pr-3 tabular-nums">
                <BeforeAfter before={String(row.partitionsBefore)} after={String(row.partitionsAfter)} />
              </td>
              <td className="py-1.5 pr-3 tabular-nums">{row.newPartitions}</td>
              <td className="py-1.5 pr-3">
                <BeforeAfter before={formatMaybeBytes(row.usableBefore)} after={formatMaybeBytes(row.usableAfter)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
