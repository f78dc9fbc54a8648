import type { Volume } from "./volume";

/** How a block store reads one copy and looks for many blocks' names (store.ts). */

/** One copy's bytes; with a CRC32C to check, read and checked in one hop when possible (crc32c then set). */
export function readCopy(
  volume: Volume,
  hashHex: string,
  sizeBytes: number | undefined,
  crc32cValue: number | undefined,
  buffer: Buffer | undefined,
): Promise<{ data: Buffer; crc32c: number | null }> {
  if (crc32cValue !== undefined) return volume.readBlockWithCrc32c(hashHex, sizeBytes, buffer);
  return volume.readBlock(hashHex, sizeBytes, buffer).then((data) => ({ data, crc32c: null }));
}

/** Whether each block is on the first volume of its read order, the names of each volume looked up together. */
export async function presentOnFirstVolume(hashHexes: string[], orders: Volume[][]): Promise<boolean[]> {
  const present = hashHexes.map(() => false);
  const byVolume = new Map<Volume, number[]>();
  orders.forEach((order, index) => {
    if (!order[0]) return;
    const indexes = byVolume.get(order[0]) ?? [];
    indexes.push(index);
    byVolume.set(order[0], indexes);
  });
  await Promise.all(
    [...byVolume].map(async ([volume, indexes]) => {
      const found = await volume.hasBlocks(indexes.map((index) => hashHexes[index]));
      indexes.forEach((index, position) => (present[index] = found[position]));
    }),
  );
  return present;
}
