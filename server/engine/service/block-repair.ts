import { isEngineError } from "../errors";
import type { MetadataStore } from "../metadata/store";
import type { BlockStore } from "../blocks/store";
import type { Volume } from "../blocks/volume";
import { refcount } from "./block-maintenance";

/**
 * The one repair every worker shares (resync, volume restore, rebalance, scrub):
 * make some volumes hold a good copy of a block, copied from any volume that has
 * one. Only referenced blocks are copied, and the reference is checked again under
 * the block's lock, so a repair never resurrects a block the collector deleted.
 */

export interface RestoreOutcome {
  /** No object references the block any more: nothing to restore. */
  unreferenced: boolean;
  /** Volumes that received a copy. */
  copiedTo: string[];
  /** Volumes that lack the block and could not get it (no good copy anywhere, or the write failed). */
  failed: Array<{ volumeId: string; reason: string }>;
}

export async function restoreCopies(
  db: MetadataStore,
  blocks: BlockStore,
  hash: Buffer,
  targets: Volume[],
): Promise<RestoreOutcome> {
  const hashHex = hash.toString("hex");
  const outcome: RestoreOutcome = { unreferenced: false, copiedTo: [], failed: [] };
  if (refcount(db, hash) === 0) return { ...outcome, unreferenced: true };
  const writable = targets.filter((volume) => !volume.readOnly && blocks.isUp(volume));
  const present = await Promise.all(writable.map((volume) => volume.has(hashHex)));
  const lacking = writable.filter((_, index) => !present[index]);
  if (lacking.length === 0) return outcome;
  let data: Buffer;
  try {
    data = await blocks.read(hash);
  } catch (error) {
    if (!isEngineError(error, "MissingBlock") && !isEngineError(error, "CorruptBlock")) throw error;
    const reason = "no up volume holds a copy that matches the block's hash";
    return { ...outcome, failed: lacking.map((volume) => ({ volumeId: volume.id, reason })) };
  }
  await blocks.withLock(hashHex, async () => {
    if (refcount(db, hash) === 0) {
      outcome.unreferenced = true;
      return;
    }
    for (const volume of lacking) {
      try {
        if (!(await volume.has(hashHex))) await volume.writeBlock(hashHex, data);
        outcome.copiedTo.push(volume.id);
      } catch (error) {
        blocks.health.reportFailure(volume, error);
        outcome.failed.push({ volumeId: volume.id, reason: error instanceof Error ? error.message : String(error) });
      }
    }
  });
  return outcome;
}
