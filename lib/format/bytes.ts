/**
 * Sizes as Garage writes them: SI units (1 kB = 1000 B), one decimal. Both sides.
 * parseSize accepts what an admin types for a capacity: "500G", "1.5 TB", "2TiB", "1000".
 */
const siUnits = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return "—";
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1000 && unit < siUnits.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${siUnits[unit]}`;
}

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

/** Bytes for "500G", "1.5 TB", "2TiB" or "1000"; null when it is not a size. */
export function parseSize(text: string): number | null {
  const match = text.trim().match(/^(\d+(?:\.\d+)?)\s*([kmgtp]i?)?b?$/i);
  if (!match) return null;
  const multiplier = multipliers[(match[2] ?? "").toLowerCase()];
  const bytes = Math.round(Number(match[1]) * multiplier);
  return Number.isSafeInteger(bytes) ? bytes : null;
}

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : value.toLocaleString("en-US");
}

export function formatPercent(part: number, whole: number): string {
  return whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : "—";
}
