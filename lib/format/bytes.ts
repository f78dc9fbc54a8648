/** Byte counts for people: SI units (1 kB = 1000 B), as Garage counts capacity and quotas. Both sides. */
const units = ["B", "kB", "MB", "GB", "TB", "PB"] as const;

export function formatBytes(sizeBytes: number): string {
  if (!Number.isFinite(sizeBytes) || sizeBytes < 0) return "—";
  let value = sizeBytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/**
 * One formatter for every count: `toLocaleString("en-US")` builds a new one on each call, which
 * cost Chromium ~30 ms of script while hydrating a page of 50 buckets.
 */
let countFormat: Intl.NumberFormat | undefined;

export function formatCount(count: number): string {
  countFormat ??= new Intl.NumberFormat("en-US");
  return countFormat.format(count);
}

/** The units offered by size inputs, with their multipliers. */
export const sizeUnits = {
  B: 1,
  kB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  TiB: 1024 ** 4,
} as const;
export type SizeUnit = keyof typeof sizeUnits;

export function isSizeUnit(value: string): value is SizeUnit {
  return Object.hasOwn(sizeUnits, value);
}

export function toBytes(amount: number, unit: SizeUnit): number {
  return Math.round(amount * sizeUnits[unit]);
}

/** The largest SI unit that expresses `sizeBytes` as a whole number (for pre-filling a form). */
export function splitBytes(sizeBytes: number): { amount: number; unit: SizeUnit } {
  const candidates: SizeUnit[] = ["TB", "GB", "MB", "kB"];
  for (const unit of candidates) {
    if (sizeBytes >= sizeUnits[unit] && sizeBytes % sizeUnits[unit] === 0)
      return { amount: sizeBytes / sizeUnits[unit], unit };
  }
  return { amount: sizeBytes, unit: "B" };
}

/** A share of a limit, 0..1, or null without a limit. */
export function usageRatio(used: number, limit: number | null | undefined): number | null {
  if (limit === null || limit === undefined || limit <= 0) return null;
  return Math.min(1, used / limit);
}

/** "1,234" or "1,234 of 5,000": a figure and, when there is one, its limit, in the figure's format. */
export function usageText(used: number, limit: number | null, format: (value: number) => string): string {
  return limit === null ? format(used) : `${format(used)} of ${format(limit)}`;
}
