"use client";

import dynamic from "next/dynamic";
import type { ZoneCapacity } from "@/lib/admin-api/overview";
import { formatBytes } from "@/lib/format/bytes";

/** recharts is most of the overview's script: it loads after the page, in its own chunk; the list carries the numbers. */
const CapacityBars = dynamic(() => import("./capacity-bars").then((module) => module.CapacityBars), { ssr: false });

/**
 * The disks' used and free bytes per zone, stacked: the file systems the volumes live on,
 * whatever else they hold. Carport's own data is said apart (`dataBytes`). The chart is a
 * picture only (no keyboard layer inside its aria-hidden box); the numbers follow as a list.
 */
export function CapacityChart({ zones, dataBytes }: { zones: ZoneCapacity[]; dataBytes: number | null }) {
  if (zones.length === 0) return <p className="text-sm text-muted">No zone has a storage node yet.</p>;
  const data = zones.map((zone) => ({ zone: zone.zone, used: zone.usedBytes, free: zone.freeBytes }));
  return (
    <figure>
      <div aria-hidden="true" className="h-60 w-full">
        <CapacityBars data={data} />
      </div>
      <figcaption>
        <p className="mt-3 text-sm" data-testid="carport-data">
          Carport&apos;s own data:{" "}
          <strong>{dataBytes === null ? "not reported by this cluster" : formatBytes(dataBytes)}</strong>{" "}
          <span className="text-muted">
            (every object version, before replication). The bars are the disks&apos; file systems, with everything else
            on them.
          </span>
        </p>
        <ul className="mt-3 grid gap-1 text-sm sm:grid-cols-2" aria-label="Capacity per zone">
          {zones.map((zone) => (
            <li key={zone.zone} data-testid="zone-capacity">
              <span className="font-medium">{zone.zone}</span>: disk {formatBytes(zone.usedBytes)} used,{" "}
              {formatBytes(zone.freeBytes)} free · layout {formatBytes(zone.capacityBytes)}, usable{" "}
              {formatBytes(zone.usableBytes)}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
