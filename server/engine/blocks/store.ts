import crypto from "node:crypto";
import { crc32c } from "@node-rs/crc32";
import { limits } from "../../util/limits";
import { EngineError } from "../errors";
import { awaitQuorum, QuorumError } from "./quorum";
import { isErrorCode, Volume } from "./volume";
import { VolumeHealth } from "./volume-health";
import { BlockBufferPool } from "./buffer-pool";
import { crc32cOffLoop } from "./check-thread";
import { StagedBlock, volumesForEveryHash } from "./staging";
import { presentOnFirstVolume, readCopy } from "./copy-reads";

/**
 * Content-addressed blocks over one or more volumes. Where a block goes is the
 * layout's decision (`placement`): one set of volumes per live layout version.
 * A write is acknowledged once every set holds a write quorum of durable copies;
 * the copies still in flight finish in the background and those that fail are
 * reported (`onCopyFailed`) so the resync completes them. A read tries the up
 * volumes in placement order (current layout first), then every other up volume,
 * and falls back past a missing copy, an I/O error or a copy that fails its hash
 * (quarantined and reported with `onCorruptCopy`).
 *
 * Two mechanisms make deduplication safe against collection:
 * - pins: a request that is writing or about to reference a block pins it, and
 *   the collector never deletes a pinned block;
 * - per-hash locks: the existence check of a write and the deletion by the
 *   collector never interleave.
 */

export interface Placement {
  /** Volume ids of each live layout version for this block's partition, the current version first. */
  writeSets(hash: Buffer): string[][];
}

export interface BlockStoreEvents {
  /** A copy failed its hash check on read; it has been quarantined. */
  onCorruptCopy?: (hashHex: string, volume: Volume) => void;
  /** A copy the layout places on a volume could not be written (the volume may be down). */
  onCopyFailed?: (hashHex: string, volumeId: string, error: unknown) => void;
}

export interface BlockStoreOptions {
  health?: VolumeHealth;
  /** Durable copies a write needs in each placement set before it is acknowledged. */
  writeQuorum?: number;
}

export class VolumeDownError extends Error {
  override name = "VolumeDownError";
  constructor(volumeId: string, reason: string | null) {
    super(`volume ${volumeId.slice(0, 16)} is down${reason ? ` (${reason})` : ""}`);
  }
}

export class BlockStore {
  private readonly pins = new Map<string, number>();
  private readonly locks = new Map<string, Promise<unknown>>();
  private placement: Placement;
  /** volumesForEveryHash of the placement, for as long as neither it nor the volume list changes. */
  private stagingVolumes: { placement: Placement; volumeCount: number; ids: string[] | null } | null = null;
  private events: BlockStoreEvents = {};
  readonly health: VolumeHealth;
  readonly writeQuorum: number;
  /** The buffers of `readPooled`, for their readers to give back. */
  readonly buffers = new BlockBufferPool(limits.blockReadBufferPoolBytes, limits.blockReadBufferIdleMs);

  constructor(
    readonly volumes: Volume[],
    options: BlockStoreOptions = {},
  ) {
    this.health = options.health ?? new VolumeHealth(() => this.volumes, limits.volumeCheckIntervalMs);
    this.writeQuorum = options.writeQuorum ?? 1;
    // Until a layout decides: the first writable volume.
    const firstWritable = () => this.volumes.filter((volume) => !volume.readOnly).slice(0, 1);
    this.placement = { writeSets: () => [firstWritable().map((volume) => volume.id)] };
  }

  setPlacement(placement: Placement): void {
    this.placement = placement;
  }

  setEvents(events: BlockStoreEvents): void {
    this.events = events;
  }

  /** A volume added at runtime (ConnectClusterNodes); it holds data once the layout assigns it partitions. */
  addVolume(volume: Volume): void {
    if (!this.volumeById(volume.id)) this.volumes.push(volume);
  }

  volumeById(id: string): Volume | undefined {
    return this.volumes.find((volume) => volume.id === id);
  }

  isUp(volume: Volume): boolean {
    return this.health.isUp(volume.id);
  }

  static hash(data: Buffer): Buffer {
    return crypto.createHash("sha256").update(data).digest();
  }

  /**
   * The read-time check kept beside each block's hash: CRC32C with the CPU's own
   * instruction (SIMD, many GiB/s), cheaper than a thread-pool round trip, so a GET
   * streams at disk speed and still never serves a byte that differs from what was
   * written. It catches what disks do (flipped bits, torn or swapped files); the
   * scrub re-checks every block's full SHA-256.
   */
  static crc32c(data: Buffer): number {
    return crc32c(data);
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

  /** The hashes pinned right now (blocks being written or about to be referenced). */
  pinnedHashes(): string[] {
    return [...this.pins.keys()];
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
   * Starts writing a block whose hash is not known yet (blocks/staging.ts), on the
   * volumes it will land on whatever its hash; null when those depend on the hash
   * (the write then starts once the hash is known). Pass the result to write().
   */
  stage(data: Buffer): StagedBlock | null {
    const cached = this.stagingVolumes;
    const fresh = cached?.placement === this.placement && cached.volumeCount === this.volumes.length;
    const ids = fresh ? cached.ids : volumesForEveryHash(this.placement);
    if (!fresh) this.stagingVolumes = { placement: this.placement, volumeCount: this.volumes.length, ids };
    const volumes = (ids ?? []).flatMap((id) => this.volumeById(id) ?? []);
    if (volumes.length === 0 || volumes.some((volume) => volume.readOnly || !this.isUp(volume))) return null;
    return new StagedBlock(
      new Map(volumes.map((volume) => [volume.id, { volume, path: volume.stageBlockFile(data) }])),
    );
  }

  /**
   * Stores a block on the volumes the layout places it on. Resolves once every
   * placement set holds a write quorum of copies whose bytes are durable; the
   * returned `nameDurable` resolves once a quorum of their directory entries is
   * too, which the caller awaits before committing (so a request's directory
   * fsyncs overlap its next block writes). Throws QuorumUnavailable when too few
   * volumes can take the block. The caller must hold a pin on the hash until the
   * reference to it is committed. `onDataReleased` is called once, when no copy
   * reads `data` any more (copies beyond the quorum finish after this resolves):
   * then a reused buffer may be given back. With `staged` (from stage(), of the
   * same bytes), a volume that holds a staged file only renames it.
   */
  async write(
    hash: Buffer,
    data: Buffer,
    onDataReleased: () => void = () => undefined,
    staged: StagedBlock | null = null,
  ): Promise<{ nameDurable: Promise<void> }> {
    const hashHex = hash.toString("hex");
    const sets = this.placement.writeSets(hash).filter((set) => set.length > 0);
    if (sets.length === 0) {
      void (staged?.discard() ?? Promise.resolve()).then(onDataReleased);
      throw new EngineError("StorageError", "no volume holds this partition: apply a cluster layout first");
    }
    const copies = await this.startCopies(hashHex, data, [...new Set(sets.flat())], onDataReleased, staged);
    const written = new Map([...copies].map(([id, copy]) => [id, copy.fileWritten]));
    const durable = new Map([...copies].map(([id, copy]) => [id, copy.durable]));
    await awaitQuorum(sets, written, this.writeQuorum).catch((error: unknown) => {
      throw quorumEngineError(error);
    });
    const nameDurable = awaitQuorum(sets, durable, this.writeQuorum).catch((error: unknown) => {
      throw quorumEngineError(error);
    });
    nameDurable.catch(() => undefined);
    return { nameDurable };
  }

  /**
   * Starts one copy per volume under the hash's lock, which is held until every
   * copy has settled (so the collector never deletes between a copy's existence
   * check and its write); the caller waits only for its quorum.
   */
  private startCopies(
    hashHex: string,
    data: Buffer,
    volumeIds: string[],
    onDataReleased: () => void,
    staged: StagedBlock | null,
  ): Promise<Map<string, CopyAttempt>> {
    return new Promise((resolve) => {
      void this.withLock(hashHex, async () => {
        const copies = new Map(volumeIds.map((id) => [id, this.copyTo(hashHex, data, id, staged)]));
        resolve(copies);
        await Promise.allSettled([...copies.values()].map((copy) => copy.fileWritten));
        await staged?.discard();
        onDataReleased();
        await Promise.allSettled([...copies.values()].map((copy) => copy.durable));
      });
    });
  }

  private copyTo(hashHex: string, data: Buffer, volumeId: string, staged: StagedBlock | null): CopyAttempt {
    const volume = this.volumeById(volumeId);
    const stagedFile = staged?.fileOn(volumeId) ?? null;
    const fileWritten = (async () => {
      try {
        if (!volume) throw new Error(`volume ${volumeId.slice(0, 16)} is not attached`);
        if (volume.readOnly) throw new Error(`volume ${volumeId.slice(0, 16)} is read-only`);
        if (!this.isUp(volume)) throw new VolumeDownError(volumeId, this.health.status(volumeId).downReason);
        if (await volume.has(hashHex)) return;
        if (stagedFile === null) return await volume.writeBlockFile(hashHex, data);
        await volume.commitStagedBlock(await stagedFile, hashHex);
        staged?.markCommitted(volumeId);
      } finally {
        // Not named (the block was there, or the copy failed): its staged file goes before the copy reports.
        await staged?.discardOn(volumeId);
      }
    })();
    // Also for a block that already existed: its writer's directory fsync may still be pending.
    const durable = fileWritten.then(() => (volume as Volume).syncBlockDirectory(hashHex));
    durable.catch((error: unknown) => {
      if (volume && !(error instanceof VolumeDownError)) this.health.reportFailure(volume, error);
      this.events.onCopyFailed?.(hashHex, volumeId, error);
    });
    fileWritten.catch(() => undefined);
    return { fileWritten, durable };
  }

  /**
   * Reads and verifies a block; a copy that fails its check is quarantined and the
   * next one is tried. With `crc32cValue` (kept beside the hash when the block was
   * written) the check is the CRC32C; without it, the SHA-256 itself.
   */
  read(hash: Buffer, sizeBytes?: number, crc32cValue?: number): Promise<Buffer> {
    return this.readInto(hash, sizeBytes, crc32cValue, undefined);
  }

  /**
   * The same into a buffer lent by `buffers`: the caller gives it back
   * (`buffers.recycle`) once nothing refers to its bytes, or leaves it to the collector.
   */
  async readPooled(hash: Buffer, sizeBytes: number, crc32cValue?: number): Promise<Buffer> {
    const buffer = this.buffers.take(sizeBytes);
    try {
      return await this.readInto(hash, sizeBytes, crc32cValue, buffer);
    } catch (error) {
      this.buffers.recycle(buffer);
      throw error;
    }
  }

  private async readInto(
    hash: Buffer,
    sizeBytes: number | undefined,
    crc32cValue: number | undefined,
    buffer: Buffer | undefined,
  ): Promise<Buffer> {
    const hashHex = hash.toString("hex");
    let sawCorrupt = false;
    for (const volume of this.readOrder(hash)) {
      let copy: { data: Buffer; crc32c: number | null };
      try {
        copy = await readCopy(volume, hashHex, sizeBytes, crc32cValue, buffer);
      } catch (error) {
        if (!isErrorCode(error, "ENOENT")) this.health.reportFailure(volume, error);
        continue;
      }
      const { data } = copy;
      if (copy.crc32c !== null ? copy.crc32c === crc32cValue : await BlockStore.matches(data, hash, crc32cValue))
        return data;
      sawCorrupt = true;
      await this.withLock(hashHex, () => volume.quarantineBlock(hashHex));
      this.events.onCorruptCopy?.(hashHex, volume);
    }
    if (sawCorrupt) throw new EngineError("CorruptBlock", `block ${hashHex} failed its hash check`, { hash: hashHex });
    throw new EngineError("MissingBlock", `block ${hashHex} is missing`, { hash: hashHex });
  }

  private static async matches(data: Buffer, hash: Buffer, crc32cValue: number | undefined): Promise<boolean> {
    if (crc32cValue !== undefined) return (await crc32cOffLoop(data)) === crc32cValue;
    return (await BlockStore.hashAsync(data)).equals(hash);
  }

  /** Throws MissingBlock for the first of these blocks that no volume holds (a cheap check: names only, no hashing). */
  async requirePresent(hashes: readonly Buffer[]): Promise<void> {
    const hashHexes = hashes.map((hash) => hash.toString("hex"));
    const orders = hashes.map((hash) => this.readOrder(hash));
    const present = await presentOnFirstVolume(hashHexes, orders);
    // A copy missing where reads look first may be on a later volume (a degraded read): one name at a time.
    await Promise.all(
      hashHexes.map(async (hashHex, index) => {
        for (const volume of orders[index].slice(1)) {
          if (present[index]) return;
          present[index] = await volume.has(hashHex);
        }
      }),
    );
    const missing = present.indexOf(false);
    if (missing >= 0) {
      const hashHex = hashes[missing].toString("hex");
      throw new EngineError("MissingBlock", `block ${hashHex} is missing`, { hash: hashHex });
    }
  }

  /** The attached volumes of the current layout's placement for this block (up or not). */
  placedVolumes(hash: Buffer): Volume[] {
    const current = this.placement.writeSets(hash)[0] ?? [];
    return current.flatMap((id) => this.volumeById(id) ?? []);
  }

  /** Up volumes in the order reads try them: every live layout version's placement, then the rest. */
  readOrder(hash: Buffer): Volume[] {
    const placed = [...new Set(this.placement.writeSets(hash).flat())].flatMap((id) => this.volumeById(id) ?? []);
    const others = this.volumes.filter((volume) => !placed.includes(volume));
    return [...placed, ...others].filter((volume) => this.isUp(volume));
  }

  /** Deletes a block everywhere, unless something pinned it meanwhile. Returns whether it was deleted. */
  async removeIfUnpinned(hashHex: string, stillUnreferenced: () => boolean): Promise<boolean> {
    return (await this.removeCopiesIfUnpinned(hashHex, stillUnreferenced)) !== null;
  }

  /** The same, returning the volumes that held a copy (null when the block was kept). */
  async removeCopiesIfUnpinned(hashHex: string, stillUnreferenced: () => boolean): Promise<string[] | null> {
    return this.withLock(hashHex, async () => {
      if (this.isPinned(hashHex) || !stillUnreferenced()) return null;
      // A volume that is down keeps its copy; the orphan scan finds it once the volume is back.
      const removed = await Promise.all(
        this.volumes.map(async (volume) =>
          (await volume.has(hashHex)) ? volume.removeBlock(hashHex).then(() => volume.id) : null,
        ),
      );
      return removed.filter((id): id is string => id !== null);
    });
  }
}

interface CopyAttempt {
  /** The block's bytes are durable on the volume (or were already there). */
  fileWritten: Promise<void>;
  /** Its name is durable too. */
  durable: Promise<void>;
}

function quorumEngineError(error: unknown): unknown {
  if (!(error instanceof QuorumError)) return error;
  const { failures } = error.shortfall;
  // Every volume refused for want of space: the client is told the disk is full, not that volumes are away.
  if (failures.length > 0 && failures.every((failure) => failure.reason.includes("ENOSPC")))
    return new EngineError("InsufficientStorage", "The volumes that hold this data are full.", {
      copiesStored: error.shortfall.succeeded,
      copiesNeeded: error.shortfall.needed,
    });
  return new EngineError("QuorumUnavailable", `Not enough volumes can store this data right now: ${error.message}.`, {
    copiesStored: error.shortfall.succeeded,
    copiesNeeded: error.shortfall.needed,
  });
}
