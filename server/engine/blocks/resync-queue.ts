import { limits } from "../../util/limits";
import type { MetadataStore } from "../metadata/store";
import { records } from "../metadata/records";

/**
 * The persistent queue of blocks to resync (Garage's resync queue): keys are the
 * due time (8 bytes, big-endian ms) then the hash, so the due entries are a
 * prefix of the tree. A hash may be queued more than once; resyncing is
 * idempotent. Kept in the metadata database, it survives a crash.
 */

const dueBytes = 8;
const hashBytes = 32;

export interface ResyncEntry {
  key: Buffer;
  hash: Buffer;
  dueMs: number;
  volumeIds: string[];
}

function entryKey(dueMs: number, hash: Buffer): Buffer {
  const key = Buffer.alloc(dueBytes + hashBytes);
  key.writeBigUInt64BE(BigInt(Math.max(0, Math.floor(dueMs))), 0);
  hash.copy(key, dueBytes);
  return key;
}

function decode(key: Buffer, value: Buffer): ResyncEntry {
  return {
    key,
    hash: Buffer.from(key.subarray(dueBytes)),
    dueMs: Number(key.readBigUInt64BE(0)),
    volumeIds: records.resyncEntry.decode(value).volumeIds,
  };
}

export class ResyncQueue {
  constructor(private readonly db: MetadataStore) {}

  async enqueue(hash: Buffer, dueMs: number, volumeIds: string[]): Promise<void> {
    await this.db.write((tx) =>
      tx.put("block_resync", entryKey(dueMs, hash), records.resyncEntry.encode({ v: 1, volumeIds })),
    );
  }

  /** Entries due at `nowMs`, oldest first. */
  due(nowMs: number, limit: number): ResyncEntry[] {
    return this.db
      .range("block_resync", { end: entryKey(nowMs + 1, Buffer.alloc(hashBytes)), limit })
      .map(([key, value]) => decode(key, value));
  }

  async remove(entries: ResyncEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db.write((tx) => entries.forEach((entry) => tx.delete("block_resync", entry.key)));
  }

  /** Queues every entry again now (RetryBlockResync with `all`). Returns how many moved. */
  async makeAllDue(nowMs: number): Promise<number> {
    return this.db.write((tx) => {
      const later = tx.range("block_resync", {
        start: entryKey(nowMs + 1, Buffer.alloc(hashBytes)),
        limit: limits.maxRowsPerTableRead,
      });
      for (const [key, value] of later) {
        tx.delete("block_resync", key);
        tx.put("block_resync", entryKey(nowMs, key.subarray(dueBytes)), value);
      }
      return later.length;
    });
  }

  async clear(): Promise<number> {
    return this.db.write((tx) => {
      const all = tx.range("block_resync", { limit: limits.maxResyncQueueCleared });
      for (const [key] of all) tx.delete("block_resync", key);
      return all.length;
    });
  }

  get length(): number {
    return this.db.count("block_resync", {});
  }

  /** When the next entry is due (null when the queue is empty). */
  nextDueMs(): number | null {
    const [first] = this.db.range("block_resync", { limit: 1 });
    return first ? Number(first[0].readBigUInt64BE(0)) : null;
  }

  /** Queued entries per volume (at most `scanLimit` entries are looked at). */
  lengthByVolume(scanLimit: number): Map<string, number> {
    const counts = new Map<string, number>();
    for (const [key, value] of this.db.range("block_resync", { limit: scanLimit }))
      for (const id of decode(key, value).volumeIds) counts.set(id, (counts.get(id) ?? 0) + 1);
    return counts;
  }
}
