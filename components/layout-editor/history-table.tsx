import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { HistoryEntry } from "@/lib/admin-api/layout";

const tones: Record<HistoryEntry["status"], BadgeTone> = { Current: "ok", Draining: "warn", Historical: "neutral" };

/** GetClusterLayoutHistory: each version with its state and node counts. */
export function HistoryTable({ versions, minAck }: { versions: HistoryEntry[]; minAck: number }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="layout-history">
        <caption className="pb-2 text-left text-xs text-muted">
          Every node knows versions up to {minAck}. A draining version still holds data being moved to the current one.
        </caption>
        <thead className="text-xs text-muted">
          <tr>
            <th scope="col" className="py-1 pr-3">
              Version
            </th>
            <th scope="col" className="py-1 pr-3">
              State
            </th>
            <th scope="col" className="py-1 pr-3">
              Storage nodes
            </th>
            <th scope="col" className="py-1 pr-3">
              Gateway nodes
            </th>
          </tr>
        </thead>
        <tbody>
          {versions.map((entry) => (
            <tr key={entry.version} className="border-t border-border">
              <th scope="row" className="py-1.5 pr-3 font-semibold tabular-nums">
                {entry.version}
              </th>
              <td className="py-1.5 pr-3">
                <Badge tone={tones[entry.status]}>{entry.status}</Badge>
              </td>
              <td className="py-1.5 pr-3 tabular-nums">{entry.storageNodes}</td>
              <td className="py-1.5 pr-3 tabular-nums">{entry.gatewayNodes}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
