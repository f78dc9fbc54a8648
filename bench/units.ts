/** Sizes in and out of the bench: "4KiB", "64MiB", "1GiB" (binary units only). */

const units: Record<string, number> = { B: 1, KIB: 1024, MIB: 1024 ** 2, GIB: 1024 ** 3 };

export const mebibyte = 1024 * 1024;

export function parseSizeBytes(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(B|KiB|MiB|GiB)?$/i.exec(text.trim());
  if (!match) throw new Error(`not a size: '${text}' (use e.g. 4KiB, 1MiB, 64MiB)`);
  return Math.round(Number(match[1]) * units[(match[2] ?? "B").toUpperCase()]);
}

/** The shortest exact label: 4096 → "4KiB", 67108864 → "64MiB". */
export function sizeLabel(sizeBytes: number): string {
  for (const [unit, factor] of [
    ["GiB", 1024 ** 3],
    ["MiB", mebibyte],
    ["KiB", 1024],
  ] as const) {
    if (sizeBytes >= factor && sizeBytes % factor === 0) return `${sizeBytes / factor}${unit}`;
  }
  return `${sizeBytes}B`;
}

export function formatNumber(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return "-";
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString("en-US");
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}
