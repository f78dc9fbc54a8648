"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ZoneCapacity } from "@/lib/admin-api/overview";
import { formatBytes } from "@/lib/format/bytes";

/** Used and free bytes per zone, stacked; the same numbers follow as a list for screen readers. */
export function CapacityChart({ zones }: { zones: ZoneCapacity[] }) {
  if (zones.length === 0) return <p className="text-sm text-muted">No zone has a storage node yet.</p>;
  const data = zones.map((zone) => ({ zone: zone.zone, used: zone.usedBytes, free: zone.freeBytes }));
  return (
    <figure>
      <div aria-hidden="true" className="h-60 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis dataKey="zone" stroke="var(--muted)" fontSize={12} />
            <YAxis
              stroke="var(--muted)"
              fontSize={12}
              tickFormatter={(value: number) => formatBytes(value)}
              width={72}
            />
            <Tooltip
              formatter={(value) => formatBytes(Number(value))}
              contentStyle={{
                background: "var(--surface)",
                border: "1px solid var(--border)",
                color: "var(--foreground)",
              }}
            />
            <Legend />
            <Bar dataKey="used" name="Used" stackId="disk" fill="var(--accent)" isAnimationActive={false} />
            <Bar dataKey="free" name="Free" stackId="disk" fill="var(--border)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption>
        <ul className="mt-3 grid gap-1 text-sm sm:grid-cols-2" aria-label="Capacity per zone">
          {zones.map((zone) => (
            <li key={zone.zone} data-testid="zone-capacity">
              <span className="font-medium">{zone.zone}</span>: {formatBytes(zone.usedBytes)} used,{" "}
              {formatBytes(zone.freeBytes)} free on disk · layout {formatBytes(zone.capacityBytes)}, usable{" "}
              {formatBytes(zone.usableBytes)}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
