import crypto from "node:crypto";
import { EngineError } from "../errors";
import { Volume } from "./volume";

/**
 * Content-addressed blocks over one or more volumes. Where a block goes is the
 * layout's decision (`placement`); a read tries the placed volumes first, then
 * every other volume (data written under an older layout may still be there).
 *
 * Two mechanisms make deduplication safe against collection:
 * - pins: a request that is writing or about to reference a block pins it, and
 *   the collector never deletes a pinned block;
 * - per-hash locks: the existence check of a write and the deletion by the
 *   collector never interleave.
 */

export type Placement = (hash: Buffer) => Volume[];

export interface BlockStoreEvents {
  onCorruptBlock?: (hashHex: string, volumeId: string) => void;
}

export class BlockStore {
  private readonly pins = new Map<string, number>();
  private readonly locks = new Map<string, Promise<unknown>>();
  private placement: Placement;

  constructor(
    readonly volumes: Volume[],
    private readonly events: BlockStoreEvents = {},
  ) {
    this.placement = () => this.volumes.filter((volume) => !volume.readOnly).slice(0, 1);
  }

  setPlacement(placement: Placement): void {
    this.placement = placement;
  }

  /** A volume added at runtime (ConnectClusterNodes); it holds data once the layout assigns it partitions. */
  addVolume(volume: Volume): void {
    if (!this.volumeById(volume.id)) this.volumes.push(volume);
  }

  volumeById(id: string): Volume | undefined {
    return this.volumes.find((volume) => volume.id === id);
  }

  static hash(data: Buffer): Buffer {
    return crypto.createHash("sha256").update(data).digest();
  }

  /** The same hash, computed on libuv's thread pool (WebCrypto) so large blocks do not stall the event loop. */
  static async hashAsync(data: Buffer): Promise<Buffer> {
    return Buffer.from(await crypto.subtle.digest("SHA-256", data));
  }

  pin(hashHex: string): void {
    this.pins.set(hashHex, (this.pins.get(hashHex) ?? 0) + 1);
  }

  unpin(hashHex: string): void {
    const count = (this.pins.get(hashHex) ?? 0) - 1;
    if (count <= 0) this.pins.delete(hashHex);
    else this.pins.set(hashHex, count);
  }

  isPinned(hashHex: string): boolean {
    return this.pins.has(hashHex);
  }

  /** Serialises operations on one hash. */
  withLock<T>(hashHex: string, run: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(hashHex) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(run);
    this.locks.set(hashHex, next);
    const cleanup = () => {
      if (this.locks.get(hashHex) === next) this.locks.delete(hashHex);
    };
    next.then(cleanup, cleanup);
    return next;
  }

  /**
   * Stores a block on every volume the layout places it on. When this resolves
   * the bytes are durable; the returned `nameDurable` resolves once the block's
   * directory entry is too, which the caller awaits before committing (so a
   * request's directory fsyncs overlap its next block writes). The caller must
   * hold a pin on the hash until the reference to it is committed.
   */
  async write(hash: Buffer, data: Buffer): Promise<{ nameDurable: Promise<void> }> {
    const hashHex = hash.toString("hex");
    const targets = this.placement(hash);
    if (targets.length === 0)
      throw new EngineError("StorageError", "no writable volume holds this partition: apply a cluster layout first");
    await this.withLock(hashHex, async () => {
      await Promise.all(
        targets.map(async (volume) => {
          if (!(await volume.has(hashHex))) await volume.writeBlockFile(hashHex, data);
        }),
      );
    });
    // Also for a block that already existed: its writer's directory fsync may still be pending.
    const nameDurable = Promise.all(targets.map((volume) => volume.syncBlockDirectory(hashHex))).then(() => undefined);
    nameDurable.catch(() => undefined);
    return { nameDurable };
  }

  /** Reads and verifies a block; a copy that fails its hash is quarantined and the next one is tried. */
  async read(hash: Buffer, sizeBytes?: number): Promise<Buffer> {
    const hashHex = hash.toString("hex");
    let sawCorrupt = false;
    for (const volume of this.readOrder(hash)) {
      let data: Buffer;
      try {
        data = await volume.readBlock(hashHex, sizeBytes);
      } catch {
        continue;
      }
      if ((await BlockStore.hashAsync(data)).equals(hash)) return data;
      sawCorrupt = true;
      this.events.onCorruptBlock?.(hashHex, volume.id);
      await this.withLock(hashHex, () => volume.quarantineBlock(hashHex));
    }
    if (sawCorrupt) throw new EngineError("CorruptBlock", `block ${hashHex} failed its hash check`, { hash: hashHex });
    throw new EngineError("MissingBlock", `block ${hashHex} is missing`, { hash: hashHex });
  }

  /** Throws MissingBlock for the first of these blocks that no volume holds (a cheap check: names only, no hashing). */
  async requirePresent(hashes: readonly Buffer[]): Promise<void> {
    const present = await Promise.all(
      hashes.map(async (hash) => {
        for (const volume of this.readOrder(hash)) if (await volume.has(hash.toString("hex"))) return true;
        return false;
      }),
    );
    const missing = present.indexOf(false);
    if (missing >= 0) {
      const hashHex = hashes[missing].toString("hex");
      throw new EngineError("MissingBlock", `block ${hashHex} is missing`, { hash: hashHex });
    }
  }

  /** The volumes the layout places this block on. */
  placedVolumes(hash: Buffer): Volume[] {
    return this.placement(hash);
  }

  private readOrder(hash: Buffer): Volume[] {
    const placed = this.placement(hash);
    return [...placed, ...this.volumes.filter((volume) => !placed.includes(volume))];
  }

  /** Deletes a block everywhere, unless something pinned it meanwhile. Returns whether it was deleted. */
  async removeIfUnpinned(hashHex: string, stillUnreferenced: () => boolean): Promise<boolean> {
    return this.withLock(hashHex, async () => {
      if (this.isPinned(hashHex) || !stillUnreferenced()) return false;
      await Promise.all(this.volumes.map((volume) => volume.removeBlock(hashHex)));
      return true;
    });
  }
}
