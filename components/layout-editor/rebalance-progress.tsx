import { Bar } from "@/components/cluster/bar";
import type { HistoryEntry } from "@/lib/admin-api/layout";
import type { WorkerView } from "@/lib/admin-api/maintenance";

/**
 * After a layout is applied: the data moving to the new version, until the older
 * versions are historical and the copies outside the new placement are removed.
 */
export function RebalanceProgress({
  currentVersion,
  versions,
  rebalance,
}: {
  currentVersion: number;
  versions: HistoryEntry[];
  rebalance: WorkerView | null;
}) {
  const draining = versions.filter((entry) => entry.status === "Draining").map((entry) => entry.version);
  if (draining.length === 0 && !rebalance) return null;
  return (
    <section
      role="status"
      aria-label="Rebalance"
      data-testid="rebalance-progress"
      className="flex flex-col gap-2 rounded-lg border border-warn p-4"
    >
      <p className="text-sm">
        {draining.length > 0
          ? `Moving data to layout version ${currentVersion}: version ${draining.join(", ")} stays draining until every block is copied.`
          : `Every block of layout version ${currentVersion} is in place; removing the copies outside it.`}
      </p>
      {rebalance?.fraction !== null && rebalance?.fraction !== undefined ? (
        <Bar
          label="Rebalance progress"
          part={rebalance.fraction}
          whole={1}
          text={`${Math.round(rebalance.fraction * 100)}%`}
          tone="ok"
        />
      ) : null}
      {rebalance?.progress ? <p className="text-xs text-muted">{rebalance.progress}</p> : null}
    </section>
  );
}
