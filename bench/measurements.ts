import { formatNumber } from "./units";

/** One measured number of one store (engine, ceiling server or peer), with its unit. */

export type Unit = "ops/s" | "MiB/s" | "keys/s" | "files/s" | "s" | "ms" | "MiB";

export interface Measurement {
  value: number;
  unit: Unit;
  p50Ms?: number;
  p99Ms?: number;
  errors: number;
  firstError?: string | null;
  /** The load generator's CPU over the step, in % of one core: near 100 the figure is the client's. */
  clientCpuPercent?: number;
  /** Anything worth a second look (loading time, pages, samples). */
  detail?: string;
}

export type Measurements = Record<string, Measurement>;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor(sorted.length / 2)];
}

/** Per figure, the repetition with the highest value; the others are listed in its detail. */
export function bestOf(repetitions: Measurements[]): Measurements {
  const best: Measurements = {};
  for (const id of Object.keys(repetitions[0] ?? {})) {
    const runs = repetitions.map((measurements) => measurements[id]).filter((measured) => measured !== undefined);
    const top = runs.reduce((a, b) => (b.value > a.value ? b : a));
    const values = runs.map((measured) => formatNumber(measured.value)).join(", ");
    best[id] = { ...top, detail: `${top.detail ? `${top.detail}; ` : ""}best of ${values}` };
  }
  return best;
}
