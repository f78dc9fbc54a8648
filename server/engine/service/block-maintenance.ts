import type { MetadataStore, ReadTx, WriteTx, Entry } from "../metadata/store";
import { prefixEnd } from "../metadata/keys";
import { type BlockErrorRecord, type CounterRecord, isDeleteMarker, records } from "../metadata/records";
import { emptyCounter } from "./buckets";
import { BlockStore } from "../blocks/store";
import { limits } from "../../util/limits";

/**
 * Block and counter repairs behind the admin API's repair, scrub, resync and
 * rebalance operations. Long scans run a page at a time so requests interleave.
 */

/** Every entry of a tree (or of a prefix), a page at a time. */
export function* scanTree(tx: ReadTx, tree: Parameters<ReadTx["range"]>[0], prefix?: Buffer): Generator<Entry> {
  const end = prefix ? (prefixEnd(prefix) ?? undefined) : undefined;
  let after: Buffer | undefined;
  for (;;) {
    const page = tx.range(tree, {
      ...(after ? { after } : { start: prefix }),
      end,
      limit: limits.maintenanceScanPageRows,
    });
    yield* page;
    if (page.length < limits.maintenanceScanPageRows) return;
    after = page[page.length - 1][0];
  }
}

export function blockError(db: ReadTx, hash: Buffer): BlockErrorRecord | null {
  const bytes = db.get("block_error", hash);
  return bytes ? records.blockError.decode(bytes) : null;
}

/**
 * Records that a block's copies on `volumeIds` are missing or bad. The retry is
 * due now for a problem just found, or after a delay doubled per failure (capped)
 * when a repair failed. Returns when the retry is due.
 */
export async function recordBlockError(
  db: MetadataStore,
  hash: Buffer,
  problem: { message: string; volumeIds: string[]; retryNow?: boolean },
  nowMs: number = Date.now(),
): Promise<number> {
  return db.write((tx) => {
    const previous = blockError(tx, hash);
    const errorCount = (previous?.errorCount ?? 0) + 1;
    const delayMs = problem.retryNow
      ? 0
      : Math.min(limits.blockResyncRetryMaxMs, limits.blockResyncRetryBaseMs * 2 ** Math.min(errorCount - 1, 20));
    const volumeIds = [...new Set([...(previous?.volumeIds ?? []), ...problem.volumeIds])];
    tx.put(
      "block_error",
      hash,
      records.blockError.encode({
        errorCount,
        lastTryMs: nowMs,
        nextTryMs: nowMs + delayMs,
        message: problem.message,
        volumeIds,
      }),
    );
    return nowMs + delayMs;
  });
}

export async function clearBlockError(db: MetadataStore, hash: Buffer): Promise<void> {
  if (db.get("block_error", hash)) await db.write((tx) => tx.delete("block_error", hash));
}

export function refcount(db: ReadTx, hash: Buffer): number {
  const bytes = db.get("block_ref", hash);
  return bytes ? records.blockRef.decode(bytes).refs : 0;
}

/** Queues for resync every referenced block that an up volume of its placement lacks. Returns how many. */
export async function checkReferencedBlocks(
  db: MetadataStore,
  blocks: BlockStore,
  enqueue: (hash: Buffer, volumeIds: string[]) => Promise<void>,
): Promise<number> {
  let lacking = 0;
  for (const [hash] of scanTree(db, "block_ref")) {
    const hashHex = hash.toString("hex");
    const placed = blocks.placedVolumes(hash).filter((volume) => blocks.isUp(volume));
    const present = await Promise.all(placed.map((volume) => volume.has(hashHex)));
    const missing = placed.filter((_, index) => !present[index]);
    if (missing.length === 0) continue;
    lacking += 1;
    await enqueue(
      hash,
      missing.map((volume) => volume.id),
    );
  }
  return lacking;
}

/** Recomputes every bucket's counters from its objects, uploads and parts (repair "tables"). */
export async function recountBucketCounters(db: MetadataStore): Promise<number> {
  return db.write((tx) => {
    let buckets = 0;
    for (const [bucketId] of scanTree(tx, "bucket")) {
      tx.put("bucket_counter", bucketId, records.counter.encode(countBucket(tx, bucketId)));
      buckets += 1;
    }
    return buckets;
  });
}

function countBucket(tx: ReadTx, bucketId: Buffer): CounterRecord {
  const counter: CounterRecord = { ...emptyCounter };
  for (const [, value] of scanTree(tx, "object", bucketId)) {
    counter.objects += 1;
    counter.bytes += records.object.decode(value).sizeBytes;
  }
  for (const [, value] of scanTree(tx, "object_version", bucketId)) {
    const version = records.version.decode(value);
    if (isDeleteMarker(version)) {
      counter.deleteMarkers += 1;
    } else {
      counter.versions += 1;
      counter.versionBytes += version.sizeBytes;
    }
  }
  for (const [, value] of scanTree(tx, "mpu", bucketId)) {
    const upload = records.upload.decode(value);
    counter.uploads += 1;
    for (const [, part] of scanTree(tx, "version_part", upload.uploadId)) {
      counter.uploadParts += 1;
      counter.uploadBytes += records.part.decode(part).sizeBytes;
    }
  }
  return counter;
}

/** Recomputes block reference counts from the version_block rows (repair "blockRc"/"blockRefs"). Returns the hashes fixed. */
export async function recountBlockRefs(db: MetadataStore): Promise<Buffer[]> {
  return db.write((tx) => {
    const counts = new Map<string, number>();
    for (const [, value] of scanTree(tx, "version_block")) {
      const hashHex = records.blockRow.decode(value).hash.toString("hex");
      counts.set(hashHex, (counts.get(hashHex) ?? 0) + 1);
    }
    const unreferenced: Buffer[] = [];
    for (const [hash] of scanTree(tx, "block_ref")) {
      if (!counts.has(hash.toString("hex"))) {
        tx.delete("block_ref", hash);
        unreferenced.push(hash);
      }
    }
    for (const [hashHex, refs] of counts) writeRefcount(tx, Buffer.from(hashHex, "hex"), refs);
    return unreferenced;
  });
}

function writeRefcount(tx: WriteTx, hash: Buffer, refs: number): void {
  tx.put("block_ref", hash, records.blockRef.encode({ refs }));
}
