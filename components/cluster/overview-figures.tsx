import { Card } from "@/components/ui/card";
import { Stat } from "@/components/ui/stat";
import type { Figure, OverviewFigures } from "@/lib/admin-api/overview";
import { formatBytes, formatCount } from "@/lib/format/bytes";
import { CapacityChart } from "./capacity-chart";

function show<T>(figure: Figure<T>, format: (value: T) => string): { value: string; detail?: string } {
  return figure.value === null ? { value: "—", detail: figure.note ?? undefined } : { value: format(figure.value) };
}

/** Buckets, objects, bytes, block errors and workers, then capacity per zone. */
export function OverviewFiguresView({ figures }: { figures: OverviewFigures }) {
  const workers = figures.workers.value;
  return (
    <>
      <Card title="Contents and activity">
        <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5">
          <Stat label="Buckets" {...show(figures.buckets, formatCount)} />
          <Stat label="Objects" {...show(figures.objects, formatCount)} />
          <Stat label="Bytes stored" {...show(figures.objectBytes, formatBytes)} />
          <Stat label="Block errors" {...show(figures.blockErrors, formatCount)} />
          <Stat
            label="Running workers"
            {...show(figures.workers, (value) => `${value.running} / ${value.total}`)}
            {...(workers
              ? {
                  detail:
                    workers.failing > 0 ? `${workers.failing} with errors` : "busy / total, on the answering node",
                }
              : {})}
          />
        </dl>
      </Card>
      <Card title="Disk space per zone">
        <CapacityChart zones={figures.zones} dataBytes={figures.objectBytes.value} />
      </Card>
    </>
  );
}
