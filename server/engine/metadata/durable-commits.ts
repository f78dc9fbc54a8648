import fs from "node:fs";
import path from "node:path";

/**
 * When the metadata's commits are durable. SQLite commits to its WAL without an
 * fsync (synchronous = NORMAL: the WAL stays consistent, a crash loses only the
 * latest commits, never a torn one); this class then fsyncs the WAL on libuv's
 * thread pool, so the event loop serves requests while the disk flushes. Commits
 * are numbered in WAL order: one fsync that began after commit N makes N and
 * every commit before it durable, so one fsync covers every batch committed
 * while the previous one ran. A write is acknowledged only once its number is
 * durable.
 *
 * An fsync that fails leaves the WAL's state on disk unknown (the kernel may have
 * marked clean the dirty pages it could not write, so a later fsync proves
 * nothing): every write waiting on it fails, and the store takes no more writes
 * until `recover` has made every visible commit durable another way.
 */

/** The WAL file as this class needs it: flushed on the thread pool, or now (when closing), then closed. */
export interface WalFile {
  sync(done: (error: Error | null) => void): void;
  syncNow(): void;
  close(): void;
}

/**
 * The WAL of `walPath`, flushed with fdatasync (its size is flushed with it when it grew).
 * SQLite creates the WAL at open and, in NORMAL mode, fsyncs its directory only at the
 * first checkpoint: the directory is fsynced here, so the WAL's name is durable before
 * any commit in it is acknowledged.
 */
export function openWalFile(walPath: string): WalFile {
  const fd = fs.openSync(walPath, "r");
  syncDirectoryOf(walPath);
  return {
    sync: (done) => fs.fdatasync(fd, done),
    syncNow: () => fs.fdatasyncSync(fd),
    close: () => fs.closeSync(fd),
  };
}

function syncDirectoryOf(filePath: string): void {
  const directoryFd = fs.openSync(path.dirname(filePath), "r");
  try {
    fs.fsyncSync(directoryFd);
  } finally {
    fs.closeSync(directoryFd);
  }
}

interface Waiter {
  seq: number;
  settle: (error: Error | null) => void;
}

export class DurableCommits {
  private committedSeq = 0;
  private durableSeq = 0;
  private syncing = false;
  private waiters: Waiter[] = [];
  /** Closing while an fsync is in flight: the fd is closed once it returns. */
  private afterSync: (() => void) | null = null;
  private failedWith: Error | null = null;
  private closed = false;

  /** wal null: durability is off (tests and benchmarks that say so), every commit counts as durable. */
  constructor(private readonly wal: WalFile | null) {}

  /** Why the store takes no more writes, if an fsync failed. */
  get failure(): Error | null {
    return this.failedWith;
  }

  /** The number the next commit will get (rows it writes are pending until it is durable). */
  get nextSeq(): number {
    return this.committedSeq + 1;
  }

  isDurable(seq: number): boolean {
    return seq <= this.durableSeq;
  }

  /** Records a commit (or a batch that rolled back: its number is spent) and calls `settle` once it is durable. */
  committed(settle: (error: Error | null) => void): void {
    this.committedSeq += 1;
    if (!this.wal) {
      this.durableSeq = this.committedSeq;
      settle(null);
      return;
    }
    this.waiters.push({ seq: this.committedSeq, settle });
    this.startSync();
  }

  /** Resolves once every commit made so far is durable; null when they already are. */
  whenAllDurable(): Promise<void> | null {
    if (this.durableSeq === this.committedSeq || this.failedWith) return null;
    const seq = this.committedSeq;
    return new Promise((resolve) => this.waiters.push({ seq, settle: () => resolve() }));
  }

  /**
   * After a failed fsync: makes every commit durable again, or says it could not.
   * `checkpoint` is SQLite's: it copies the WAL's pages (still in the page cache,
   * whatever their write-back did) into the database file and fsyncs that, so what
   * it copied no longer depends on the WAL's lost writes. Returns whether writes may resume.
   */
  recover(checkpoint: () => boolean): boolean {
    if (!this.failedWith) return true;
    if (!this.wal || this.syncing || this.closed) return false;
    try {
      this.wal.syncNow();
      if (!checkpoint()) return false;
    } catch {
      return false;
    }
    this.failedWith = null;
    this.durableSeq = this.committedSeq;
    return true;
  }

  /**
   * Closing: flushes now what is not durable yet, so no waiter is left behind, and
   * closes the WAL's fd once no fsync is in flight on it.
   */
  close(): void {
    if (this.closed || !this.wal) return;
    this.closed = true;
    const wal = this.wal;
    if (this.durableSeq < this.committedSeq && !this.failedWith) {
      let error: Error | null = null;
      try {
        wal.syncNow();
      } catch (caught) {
        error = caught instanceof Error ? caught : new Error(String(caught));
      }
      this.settleThrough(this.committedSeq, error);
    }
    if (this.syncing) this.afterSync = () => wal.close();
    else wal.close();
  }

  private startSync(): void {
    if (this.syncing || !this.wal || this.closed || this.failedWith || this.durableSeq === this.committedSeq) return;
    this.syncing = true;
    const target = this.committedSeq;
    this.wal.sync((error) => {
      this.syncing = false;
      this.settleThrough(target, error);
      this.startSync();
      if (this.syncing || !this.afterSync) return;
      this.afterSync();
      this.afterSync = null;
    });
  }

  private settleThrough(target: number, error: Error | null): void {
    if (error) this.failedWith = new Error(`the metadata WAL could not be flushed to disk: ${error.message}`);
    else this.durableSeq = Math.max(this.durableSeq, target);
    const ready = this.failedWith ? this.waiters : this.waiters.filter((waiter) => waiter.seq <= target);
    this.waiters = this.failedWith ? [] : this.waiters.filter((waiter) => waiter.seq > target);
    for (const waiter of ready) waiter.settle(this.failedWith);
  }
}
