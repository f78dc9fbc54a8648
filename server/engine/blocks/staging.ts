import { PARTITION_BITS } from "../layout/types";
import type { Volume } from "./volume";

/**
 * A block's bytes written (and fsynced) to temporary files while its hash, its
 * name, is still being computed: the write no longer waits for the hash, only
 * the rename does. Possible only where the volumes a block lands on do not depend
 * on its hash (see volumesForEveryHash). A staged file that is not given its name
 * is removed by discard(), which also tells when no write reads the bytes any more.
 */
export class StagedBlock {
  /** Volumes whose staged file is named or removed. */
  private readonly committed = new Set<string>();

  constructor(private readonly files: ReadonlyMap<string, { volume: Volume; path: Promise<string> }>) {
    // A failed staging write is reported by the copy that awaits it (or ignored by discard()).
    for (const file of files.values()) file.path.catch(() => undefined);
  }

  /** The staged file's path on this volume, or null when the block was not staged there. */
  fileOn(volumeId: string): Promise<string> | null {
    return this.files.get(volumeId)?.path ?? null;
  }

  /** The staged file on this volume now has the block's name (or is gone): nothing is left to remove. */
  markCommitted(volumeId: string): void {
    this.committed.add(volumeId);
  }

  /**
   * Once the staging write on this volume has settled, removes its file unless it was
   * named: a copy settles its staged file before it reports, so nothing a request wrote
   * is still in flight when it is acknowledged (the block was already there, or the copy failed).
   */
  async discardOn(volumeId: string): Promise<void> {
    const file = this.files.get(volumeId);
    if (!file || this.committed.has(volumeId)) return;
    const stagedPath = await file.path.catch(() => null);
    if (stagedPath !== null && !this.committed.has(volumeId)) await file.volume.discardStagedBlock(stagedPath);
    this.committed.add(volumeId);
  }

  /** Waits for every staging write to settle (they read the caller's buffer), then removes the unnamed files. */
  async discard(): Promise<void> {
    await Promise.all([...this.files.keys()].map((volumeId) => this.discardOn(volumeId)));
  }
}

/** A block store's placement, as staging needs it (see BlockStore's Placement). */
interface Placement {
  writeSets(hash: Buffer): string[][];
}

/**
 * The volume ids every block is written to whatever its hash, when the placement
 * gives every partition the same ones (one volume, or every volume holding
 * everything); null when it depends on the partition or places nothing.
 */
export function volumesForEveryHash(placement: Placement): string[] | null {
  let first: string | null = null;
  const sample = Buffer.alloc(32);
  for (let partition = 0; partition < 1 << PARTITION_BITS; partition += 1) {
    sample.writeUInt16BE(partition << (16 - PARTITION_BITS), 0);
    const ids = [...new Set(placement.writeSets(sample).flat())].sort().join(",");
    if (first === null) first = ids;
    else if (ids !== first) return null;
  }
  return first ? first.split(",") : null;
}
