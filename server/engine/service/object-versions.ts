import { limits } from "../../util/limits";
import type { ReadTx, WriteTx } from "../metadata/store";
import { keyVersionsPrefix, objectKey, prefixEnd, versionKey, versionPartKey } from "../metadata/keys";
import {
  type BucketRecord,
  type DeleteMarkerRecord,
  type ObjectRecord,
  type VersionRecord,
  isDeleteMarker,
  records,
} from "../metadata/records";
import type { BucketService, CounterDelta } from "./buckets";
import { dropBlocks } from "./versions";
import { matchesRef, newVersionId, type VersionRef } from "./version-ids";
import { checkQuotas } from "./quotas";

/**
 * A key's history, newest first. The `object` tree holds a key's newest version
 * when it is an object (so listings read only current objects); the
 * `object_version` tree holds every other version and delete marker, ordered by
 * key then newest first. Invariant: a key's newest version is in `object` exactly
 * when it is not a delete marker. Every change keeps the bucket's counters (the
 * quotas' and statistics' source) in the same transaction.
 */

/** Pages of a key's older versions read at once when looking for its "null" version. */
const versionScanPageSize = limits.versionScanPageRows;

export interface VersionChange {
  /** Hashes of blocks no longer referenced, for the collector. */
  freed: Buffer[];
}

export class ObjectVersions {
  constructor(private readonly buckets: BucketService) {}

  current(tx: ReadTx, bucketId: string, key: string): ObjectRecord | null {
    const bytes = tx.get("object", objectKey(Buffer.from(bucketId, "hex"), key));
    return bytes ? records.object.decode(bytes) : null;
  }

  /** The newest version: the current object, or the delete marker that hides the key. */
  latest(tx: ReadTx, bucketId: string, key: string): VersionRecord | null {
    return this.current(tx, bucketId, key) ?? this.newestOlder(tx, bucketId, key);
  }

  find(tx: ReadTx, bucketId: string, key: string, ref: VersionRef): VersionRecord | null {
    const current = this.current(tx, bucketId, key);
    if (current && matchesRef(current, ref)) return current;
    return this.findOlder(tx, bucketId, key, ref);
  }

  /** The version holding the given data at the given place, null or not (a completed upload's object). */
  findData(tx: ReadTx, bucketId: string, key: string, seq: number, versionId: Buffer): VersionRecord | null {
    const current = this.current(tx, bucketId, key);
    if (current && current.seq === seq && current.versionId.equals(versionId)) return current;
    const bytes = tx.get("object_version", versionKey(Buffer.from(bucketId, "hex"), key, seq));
    const record = bytes ? records.version.decode(bytes) : null;
    return record?.versionId.equals(versionId) ? record : null;
  }

  /**
   * Installs `incoming` as the key's newest version, as the bucket's versioning
   * state says: unversioned replaces the current object, enabled keeps it as an
   * older version, suspended replaces only the "null" version. `addBlocks` runs
   * before anything is dropped, so a copy onto itself keeps its blocks referenced.
   */
  push(
    tx: WriteTx,
    bucketId: string,
    key: string,
    incoming: VersionRecord,
    addBlocks: (versionId: Buffer) => void,
  ): VersionChange & { record: VersionRecord } {
    const bucket = this.buckets.require(bucketId, tx);
    const delta: CounterDelta = {};
    const freed: Buffer[] = [];
    addBlocks(incoming.versionId);
    let current = this.current(tx, bucketId, key);
    let record: VersionRecord;
    if (bucket.versioning === "unversioned") {
      if (isDeleteMarker(incoming)) throw new Error("an unversioned bucket has no delete markers");
      record = { ...incoming, seq: 0, nullVersion: true };
    } else {
      const newest = current ?? this.newestOlder(tx, bucketId, key);
      record = { ...incoming, seq: (newest?.seq ?? 0) + 1, nullVersion: bucket.versioning === "suspended" };
      if (record.nullVersion) {
        if (current?.nullVersion) {
          freed.push(...this.destroy(tx, current));
          this.clearCurrent(tx, bucketId, key, current, delta);
          current = null;
        } else {
          freed.push(...this.removeOlder(tx, bucketId, key, { kind: "null" }, delta));
        }
      }
      if (current) {
        this.clearCurrent(tx, bucketId, key, current, delta);
        this.putOlder(tx, bucketId, key, current, delta);
        current = null;
      }
    }
    if (current) {
      freed.push(...this.destroy(tx, current));
      this.clearCurrent(tx, bucketId, key, current, delta);
    }
    if (isDeleteMarker(record)) this.putOlder(tx, bucketId, key, record, delta);
    else this.setCurrent(tx, bucketId, key, record, delta);
    this.checkQuotas(tx, bucket, delta);
    this.buckets.changeCounter(tx, bucketId, delta);
    return { record, freed };
  }

  /**
   * A DELETE without a version id: unversioned buckets lose the object; versioned
   * ones gain a delete marker (suspended: a "null" one, replacing the null version).
   */
  deleteLatest(
    tx: WriteTx,
    bucketId: string,
    key: string,
  ): VersionChange & { marker: DeleteMarkerRecord | null; removed: boolean } {
    const bucket = this.buckets.require(bucketId, tx);
    if (bucket.versioning !== "unversioned") {
      const marker: DeleteMarkerRecord = {
        v: 1,
        deleteMarker: true,
        versionId: newVersionId(),
        seq: 0,
        nullVersion: false,
        createdMs: Date.now(),
      };
      const pushed = this.push(tx, bucketId, key, marker, () => undefined);
      return { freed: pushed.freed, marker: pushed.record as DeleteMarkerRecord, removed: true };
    }
    const current = this.current(tx, bucketId, key);
    if (!current) return { freed: [], marker: null, removed: false };
    const delta: CounterDelta = {};
    const freed = this.destroy(tx, current);
    this.clearCurrent(tx, bucketId, key, current, delta);
    this.buckets.changeCounter(tx, bucketId, delta);
    return { freed, marker: null, removed: true };
  }

  /** Permanently deletes one version; the next older one becomes current when the newest goes. */
  remove(
    tx: WriteTx,
    bucketId: string,
    key: string,
    ref: VersionRef,
  ): VersionChange & { removed: VersionRecord | null } {
    this.buckets.require(bucketId, tx);
    const delta: CounterDelta = {};
    const current = this.current(tx, bucketId, key);
    let removed: VersionRecord | null = null;
    const freed: Buffer[] = [];
    if (current && matchesRef(current, ref)) {
      removed = current;
      freed.push(...this.destroy(tx, current));
      this.clearCurrent(tx, bucketId, key, current, delta);
    } else {
      removed = this.findOlder(tx, bucketId, key, ref);
      if (removed) freed.push(...this.removeOlder(tx, bucketId, key, ref, delta));
    }
    if (removed) this.promote(tx, bucketId, key, delta);
    this.buckets.changeCounter(tx, bucketId, delta);
    return { freed, removed };
  }

  /** Rewrites a version's record where it lies (tags); its data and place are unchanged. */
  rewrite(tx: WriteTx, bucketId: string, key: string, record: VersionRecord): void {
    const current = this.current(tx, bucketId, key);
    if (current && !isDeleteMarker(record) && current.versionId.equals(record.versionId)) {
      tx.put("object", objectKey(Buffer.from(bucketId, "hex"), key), records.object.encode(record));
      return;
    }
    tx.put("object_version", versionKey(Buffer.from(bucketId, "hex"), key, record.seq), records.version.encode(record));
  }

  /** Every version of a key, newest first, at most `limit` (admin inspection). */
  history(tx: ReadTx, bucketId: string, key: string, limit: number): VersionRecord[] {
    const current = this.current(tx, bucketId, key);
    const prefix = keyVersionsPrefix(Buffer.from(bucketId, "hex"), key);
    const older = tx
      .range("object_version", { start: prefix, end: prefixEnd(prefix) ?? undefined, limit })
      .map(([, value]) => records.version.decode(value));
    return [...(current ? [current] : []), ...older].slice(0, limit);
  }

  private newestOlder(tx: ReadTx, bucketId: string, key: string): VersionRecord | null {
    const prefix = keyVersionsPrefix(Buffer.from(bucketId, "hex"), key);
    const [row] = tx.range("object_version", { start: prefix, end: prefixEnd(prefix) ?? undefined, limit: 1 });
    return row ? records.version.decode(row[1]) : null;
  }

  private findOlder(tx: ReadTx, bucketId: string, key: string, ref: VersionRef): VersionRecord | null {
    const bucket = Buffer.from(bucketId, "hex");
    if (ref.kind === "id") {
      const bytes = tx.get("object_version", versionKey(bucket, key, ref.seq));
      const record = bytes ? records.version.decode(bytes) : null;
      return record && matchesRef(record, ref) ? record : null;
    }
    // A key has at most one null version; it is usually the newest or (written before versioning) the oldest.
    const prefix = keyVersionsPrefix(bucket, key);
    const end = prefixEnd(prefix) ?? undefined;
    const oldestRow = tx.range("object_version", { start: prefix, end, limit: 1, reverse: true })[0];
    const oldest = oldestRow ? records.version.decode(oldestRow[1]) : null;
    if (oldest?.nullVersion) return oldest;
    let after: Buffer | undefined;
    for (;;) {
      const page = tx.range("object_version", {
        ...(after ? { after } : { start: prefix }),
        end,
        limit: versionScanPageSize,
      });
      if (page.length === 0) return null;
      for (const [, value] of page) {
        const record = records.version.decode(value);
        if (record.nullVersion) return record;
      }
      after = page[page.length - 1][0];
    }
  }

  /** Removes an older version (if present) with its data; returns the freed hashes. */
  private removeOlder(tx: WriteTx, bucketId: string, key: string, ref: VersionRef, delta: CounterDelta): Buffer[] {
    const record = this.findOlder(tx, bucketId, key, ref);
    if (!record) return [];
    tx.delete("object_version", versionKey(Buffer.from(bucketId, "hex"), key, record.seq));
    if (isDeleteMarker(record)) {
      add(delta, "deleteMarkers", -1);
      return [];
    }
    add(delta, "versions", -1);
    add(delta, "versionBytes", -record.sizeBytes);
    return this.destroy(tx, record);
  }

  /** After the newest version went: an object just below it becomes current. */
  private promote(tx: WriteTx, bucketId: string, key: string, delta: CounterDelta): void {
    if (this.current(tx, bucketId, key)) return;
    const newest = this.newestOlder(tx, bucketId, key);
    if (!newest || isDeleteMarker(newest)) return;
    tx.delete("object_version", versionKey(Buffer.from(bucketId, "hex"), key, newest.seq));
    add(delta, "versions", -1);
    add(delta, "versionBytes", -newest.sizeBytes);
    this.setCurrent(tx, bucketId, key, newest, delta);
  }

  private setCurrent(tx: WriteTx, bucketId: string, key: string, record: ObjectRecord, delta: CounterDelta): void {
    tx.put("object", objectKey(Buffer.from(bucketId, "hex"), key), records.object.encode(record));
    add(delta, "objects", 1);
    add(delta, "bytes", record.sizeBytes);
  }

  private clearCurrent(tx: WriteTx, bucketId: string, key: string, record: ObjectRecord, delta: CounterDelta): void {
    tx.delete("object", objectKey(Buffer.from(bucketId, "hex"), key));
    add(delta, "objects", -1);
    add(delta, "bytes", -record.sizeBytes);
  }

  private putOlder(tx: WriteTx, bucketId: string, key: string, record: VersionRecord, delta: CounterDelta): void {
    tx.put("object_version", versionKey(Buffer.from(bucketId, "hex"), key, record.seq), records.version.encode(record));
    if (isDeleteMarker(record)) {
      add(delta, "deleteMarkers", 1);
      return;
    }
    add(delta, "versions", 1);
    add(delta, "versionBytes", record.sizeBytes);
  }

  /** Drops a version's data: blocks, parts, and the memory of the upload it completed. */
  private destroy(tx: WriteTx, record: ObjectRecord): Buffer[] {
    const freed = dropBlocks(tx, record.versionId, null);
    for (const [partNumber] of record.parts ?? [])
      tx.delete("version_part", versionPartKey(record.versionId, partNumber));
    if (record.parts) tx.delete("mpu_done", record.versionId);
    return freed;
  }

  /** Quotas bound what is stored: every object version counts, delete markers (which hold no data) do not. */
  private checkQuotas(tx: ReadTx, bucket: BucketRecord, delta: CounterDelta): void {
    const { maxObjects, maxSizeBytes } = bucket.quotas;
    if (maxObjects === null && maxSizeBytes === null) return;
    checkQuotas(bucket, this.buckets.counter(bucket.id, tx), {
      addedObjects: (delta.objects ?? 0) + (delta.versions ?? 0),
      addedBytes: (delta.bytes ?? 0) + (delta.versionBytes ?? 0),
    });
  }
}

function add(delta: CounterDelta, field: keyof CounterDelta, change: number): void {
  delta[field] = (delta[field] ?? 0) + change;
}
