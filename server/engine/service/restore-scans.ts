import { z } from "zod";
import type { MetadataStore, ReadTx } from "../metadata/store";
import { rawCodec } from "../metadata/records";
import { utf8 } from "../metadata/keys";

/**
 * Volume restore scans: a volume that went down (or came back empty) must get
 * every block of the partitions it holds. The scan walks the block references of
 * those partitions in hash order; its cursor is kept in the metadata database, so
 * a restart resumes it where it stopped.
 */

const scansKey = utf8("restore_scans");
const scanSchema = z.object({
  /** The last hash checked (hex), or null before the first. */
  afterHex: z.string().nullable(),
  checkedBlocks: z.number(),
  restoredBlocks: z.number(),
  totalBlocks: z.number(),
  startedMs: z.number(),
});
const scansSchema = z.record(z.string(), scanSchema);
export type RestoreScan = z.infer<typeof scanSchema>;

export class RestoreScans {
  constructor(private readonly db: MetadataStore) {}

  all(): Record<string, RestoreScan> {
    const bytes = this.db.get("meta", scansKey);
    return bytes ? scansSchema.parse(rawCodec.decode(bytes)) : {};
  }

  /** Starts (or restarts from the first block) the scan of a volume. */
  async restart(volumeId: string, totalBlocks: number, nowMs: number = Date.now()): Promise<void> {
    await this.update((scans) => ({
      ...scans,
      [volumeId]: { afterHex: null, checkedBlocks: 0, restoredBlocks: 0, totalBlocks, startedMs: nowMs },
    }));
  }

  async save(volumeId: string, scan: RestoreScan): Promise<void> {
    await this.update((scans) => (volumeId in scans ? { ...scans, [volumeId]: scan } : scans));
  }

  async finish(volumeId: string): Promise<void> {
    await this.update((scans) => Object.fromEntries(Object.entries(scans).filter(([id]) => id !== volumeId)));
  }

  private async update(change: (scans: Record<string, RestoreScan>) => Record<string, RestoreScan>): Promise<void> {
    await this.db.write((tx) => {
      const bytes = tx.get("meta", scansKey);
      const next = change(bytes ? scansSchema.parse(rawCodec.decode(bytes)) : {});
      tx.put("meta", scansKey, rawCodec.encode(next));
    });
  }
}

/** Referenced block hashes of the given partitions, in hash order, after `afterHex`. */
export function referencesAfter(db: ReadTx, partitions: number[], afterHex: string | null, limit: number): Buffer[] {
  const after = afterHex ? Buffer.from(afterHex, "hex") : null;
  const found: Buffer[] = [];
  for (const partition of [...partitions].sort((a, b) => a - b)) {
    if (after && partition < after[0]) continue;
    const start = Buffer.from([partition]);
    const end = partition < 255 ? Buffer.from([partition + 1]) : undefined;
    const range = after && partition === after[0] ? { after, end } : { start, end };
    for (const [hash] of db.range("block_ref", { ...range, limit: limit - found.length })) found.push(hash);
    if (found.length >= limit) break;
  }
  return found;
}

/** How many referenced blocks the given partitions hold. */
export function countReferences(db: ReadTx, partitions: number[]): number {
  let total = 0;
  for (const partition of partitions)
    total += db.count("block_ref", {
      start: Buffer.from([partition]),
      end: partition < 255 ? Buffer.from([partition + 1]) : undefined,
    });
  return total;
}
