import type { MetadataStore, WriteTx } from "../metadata/store";
import { records } from "../metadata/records";
import type { BlockStore } from "./store";
import { limits } from "../../util/limits";

/**
 * Block reference counts and the collection of unreferenced blocks.
 * Counts change only inside metadata transactions; a block whose count drops to
 * zero is queued here and deleted once no request pins it. After a crash, blocks
 * written but never referenced are found by the startup scan.
 */

export function addBlockRef(tx: WriteTx, hash: Buffer): void {
  const existing = tx.get("block_ref", hash);
  const refs = existing ? records.blockRef.decode(existing).refs : 0;
  tx.put("block_ref", hash, records.blockRef.encode({ refs: refs + 1 }));
}

/** Returns true when the block is no longer referenced. */
export function dropBlockRef(tx: WriteTx, hash: Buffer): boolean {
  const existing = tx.get("block_ref", hash);
  const refs = existing ? records.blockRef.decode(existing).refs : 0;
  if (refs <= 1) {
    tx.delete("block_ref", hash);
    return true;
  }
  tx.put("block_ref", hash, records.blockRef.encode({ refs: refs - 1 }));
  return false;
}

export class BlockCollector {
  private readonly due = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;
  deletedCount = 0;

  constructor(
    private readonly db: MetadataStore,
    private readonly blocks: BlockStore,
    private delayMs: number,
  ) {}

  get gcDelayMs(): number {
    return this.delayMs;
  }

  /** Changes the delay for blocks queued from now on (worker variable block-gc-delay-secs). */
  setGcDelayMs(delayMs: number): void {
    this.delayMs = delayMs;
  }

  start(): void {
    this.timer = setInterval(
      () => void this.collectDue(),
      Math.max(limits.collectorMinIntervalMs, Math.min(this.delayMs, limits.collectorMaxIntervalMs)),
    );
    this.timer.unref();
  }

  /** Stops collecting; resolves once a collection in progress has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Queues blocks that may have become unreferenced (after a commit, or an aborted write). */
  enqueue(hashes: Iterable<Buffer | string>): void {
    const dueMs = Date.now() + this.delayMs;
    for (const hash of hashes) this.due.set(typeof hash === "string" ? hash : hash.toString("hex"), dueMs);
  }

  get queueLength(): number {
    return this.due.size;
  }

  private isUnreferenced(hashHex: string): boolean {
    return this.db.get("block_ref", Buffer.from(hashHex, "hex")) === undefined;
  }

  /** Blocks found unreferenced by a commit not yet durable: looked at again on the next round. */
  private readonly stillPending = new Set<string>();

  /**
   * A commit is visible before its fsync returns: the block is deleted only once
   * the commit that dropped its last reference is durable, or a crash could bring
   * the reference back without the block.
   */
  private async removeIfDurablyUnreferenced(hashHex: string): Promise<boolean> {
    const hash = Buffer.from(hashHex, "hex");
    if (!this.db.isDurable("block_ref", hash)) await this.db.whenAllDurable();
    this.stillPending.delete(hashHex);
    return this.blocks.removeIfUnpinned(hashHex, () => {
      if (!this.isUnreferenced(hashHex)) return false;
      if (this.db.isDurable("block_ref", hash)) return true;
      this.stillPending.add(hashHex);
      return false;
    });
  }

  collectDue(nowMs: number = Date.now()): Promise<number> {
    if (this.running) return this.running;
    if (this.stopped) return Promise.resolve(0);
    this.running = this.collect(nowMs).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async collect(nowMs: number): Promise<number> {
    let deleted = 0;
    for (const [hashHex, dueMs] of [...this.due]) {
      if (this.stopped) break;
      if (dueMs > nowMs) continue;
      this.due.delete(hashHex);
      if (this.blocks.isPinned(hashHex)) {
        this.due.set(hashHex, nowMs + this.delayMs);
        continue;
      }
      if (await this.removeIfDurablyUnreferenced(hashHex)) deleted += 1;
      else if (this.stillPending.has(hashHex)) this.due.set(hashHex, nowMs);
    }
    this.deletedCount += deleted;
    return deleted;
  }

  /** Finds blocks on disk that no record references (a crash between block write and commit). */
  async scanForOrphans(): Promise<number> {
    let queued = 0;
    for (const volume of this.blocks.volumes) {
      for await (const hashHex of volume.listBlocks()) {
        if (this.stopped) return queued;
        if (this.isUnreferenced(hashHex) && !this.blocks.isPinned(hashHex)) {
          this.due.set(hashHex, 0);
          queued += 1;
        }
      }
    }
    return queued;
  }
}
