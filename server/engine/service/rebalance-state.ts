import { z } from "zod";
import type { MetadataStore } from "../metadata/store";
import { rawCodec } from "../metadata/records";
import { utf8 } from "../metadata/keys";

/**
 * Where a rebalance stands, kept in the metadata database after every page so a
 * restart (even a kill -9) resumes it instead of starting over.
 */

const stateKey = utf8("rebalance");
const stateSchema = z.object({
  /** The layout version the data is being moved to. */
  version: z.number(),
  /** A full rebalance (repair "rebalance") checks every partition, not only those that gained a volume. */
  full: z.boolean(),
  phase: z.enum(["copy", "clean"]),
  /** Copy phase: index among the partitions to copy; clean phase: among the stray (volume, partition) pairs. */
  partitionIndex: z.number(),
  partitionsTotal: z.number(),
  /** The last block reference copied within the current partition (hex), or null. */
  afterHex: z.string().nullable(),
  copiedBlocks: z.number(),
  removedCopies: z.number(),
  failedBlocks: z.number(),
  startedMs: z.number(),
});
export type RebalanceState = z.infer<typeof stateSchema>;

export class RebalanceProgress {
  constructor(private readonly db: MetadataStore) {}

  load(): RebalanceState | null {
    const bytes = this.db.get("meta", stateKey);
    return bytes ? stateSchema.parse(rawCodec.decode(bytes)) : null;
  }

  async begin(version: number, full: boolean, nowMs: number = Date.now()): Promise<void> {
    await this.save({
      version,
      full,
      phase: "copy",
      partitionIndex: 0,
      partitionsTotal: 0,
      afterHex: null,
      copiedBlocks: 0,
      removedCopies: 0,
      failedBlocks: 0,
      startedMs: nowMs,
    });
  }

  async save(state: RebalanceState): Promise<void> {
    await this.db.write((tx) => tx.put("meta", stateKey, rawCodec.encode(state)));
  }

  async clear(): Promise<void> {
    await this.db.write((tx) => tx.delete("meta", stateKey));
  }
}
