/** Capacity input and display for the cluster pages (SI, as Garage). Both sides. */
import { formatBytes } from "./bytes";

const multipliers: Record<string, number> = {
  "": 1,
  k: 1e3,
  m: 1e6,
  g: 1e9,
  t: 1e12,
  p: 1e15,
  ki: 2 ** 10,
  mi: 2 ** 20,
  gi: 2 ** 30,
  ti: 2 ** 40,
  pi: 2 ** 50,
};

/** Bytes for what an admin types: "500G", "1.5 TB", "2TiB", "1000"; null when it is not a size. */
export function parseSize(text: string): number | null {
  const match = text.trim().match(/^(\d+(?:\.\d+)?)\s*([kmgtp]i?)?b?$/i);
  if (!match) return null;
  const bytes = Math.round(Number(match[1]) * multipliers[(match[2] ?? "").toLowerCase()]);
  return Number.isSafeInteger(bytes) ? bytes : null;
}

export function formatMaybeBytes(bytes: number | null | undefined): string {
  return bytes === null || bytes === undefined ? "—" : formatBytes(bytes);
}

export function formatPercent(part: number, whole: number): string {
  return whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : "—";
}
