/**
 * Byte counts for people, in SI units (1 kB = 1000 B) as Garage counts capacity and
 * quotas: "500 kB", "1.5 MB". The console's lib/format/bytes.ts writes the same figures.
 */
const units = ["B", "kB", "MB", "GB", "TB", "PB"] as const;

export function formatBytes(sizeBytes: number): string {
  let value = sizeBytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  // Trailing zeros say nothing: "500 kB", "1.5 MB".
  return `${Number(value.toFixed(digits))} ${units[unit]}`;
}
