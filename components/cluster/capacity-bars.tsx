"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatBytes } from "@/lib/format/bytes";

export interface ZoneBar {
  zone: string;
  used: number;
  free: number;
}

/** The capacity chart itself (recharts), loaded on demand by ./capacity-chart: a picture only, no keyboard layer. */
export function CapacityBars({ data }: { data: ZoneBar[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
        <XAxis dataKey="zone" stroke="var(--muted)" fontSize={12} />
        <YAxis stroke="var(--muted)" fontSize={12} tickFormatter={(value: number) => formatBytes(value)} width={72} />
        <Tooltip
          formatter={(value) => formatBytes(Number(value))}
          contentStyle={{
            background: "var(--surface)",
            border: "1px solid var(--border)",
            color: "var(--foreground)",
          }}
        />
        <Legend />
        <Bar dataKey="used" name="Disk used" stackId="disk" fill="var(--accent)" isAnimationActive={false} />
        <Bar dataKey="free" name="Disk free" stackId="disk" fill="var(--border)" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
