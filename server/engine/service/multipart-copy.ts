import crypto from "node:crypto";
import type { MetadataStore, ReadTx } from "../metadata/store";
import { prefixEnd, versionPartKey } from "../metadata/keys";
import { type BlockRow, type ObjectRecord, type PartRecord, records } from "../metadata/records";
import { limits } from "../../util/limits";
import { type ByteRange, readObject } from "./read";
import { type IngestContext, type IngestResult, ingest } from "./ingest";
import { HashSession } from "../blocks/hash-threads";
import { acquireBlockBuffer, releaseBlockBuffer } from "../blocks/block-buffers";
import type { VersionRef } from "./version-ids";

/** UploadPartCopy's target: a part of an upload. */
export interface PartCopyTarget {
  bucketId: string;
  key: string;
  uploadIdText: string;
  partNumber: number;
  /** SSE-C: the upload's customer key. */
  customerKey: Buffer | null;
}

/** UploadPartCopy's source: a byte range of an object's version. */
export interface PartCopySource {
  bucketId: string;
  key: string;
  version: VersionRef | null;
  /** Checks the source's conditions and answers the range to copy (null: all of it). */
  range: (record: ObjectRecord) => ByteRange | null;
  customerKey: Buffer | null;
}

/**
 * UploadPartCopy without rewriting what can be shared. The source blocks lying
 * wholly inside the copied range become blocks of the part (new references, as
 * CopyObject makes); only the bytes of the blocks cut by the range's edges are
 * read and written anew. The part's ETag must still be the MD5 of its bytes (S3):
 * it is known without reading when the range is exactly a source part, or the
 * whole of a single-PUT object (their MD5s were kept); any other range is read
 * once to compute it.
 */
interface SharePlan {
  /** Bytes before the first shared block (object offsets), written anew. */
  head: ByteRange | null;
  /** The source blocks wholly inside the range, in order. */
  shared: BlockRow[];
  /** Bytes after the last shared block, written anew. */
  tail: ByteRange | null;
}

/**
 * The part made of the source's whole blocks in the range and new blocks for its
 * edges, committed by `commit`. Call in the tick the record was read: its rows are
 * listed and its blocks pinned before anything else can change them.
 */
export async function sharePart(
  db: MetadataStore,
  context: IngestContext,
  record: ObjectRecord,
  range: ByteRange,
  commit: (part: PartRecord, blocks: BlockRow[]) => Promise<void>,
): Promise<PartRecord> {
  const plan = planShare(db, record, range);
  const pinned = plan.shared.map((row) => row.hash.toString("hex"));
  for (const hashHex of pinned) context.blocks.pin(hashHex);
  const kept = knownMd5(db, record, range);
  const md5Body = kept ? null : readObject(db, context.blocks, record, range);
  const openEdge = (edge: ByteRange | null) =>
    edge && { sizeBytes: edge.endByte - edge.startByte + 1, body: readObject(db, context.blocks, record, edge) };
  const [headEdge, tailEdge] = [openEdge(plan.head), openEdge(plan.tail)];
  const written: IngestResult[] = [];
  const writeEdge = async (edge: ReturnType<typeof openEdge>): Promise<BlockRow[]> => {
    if (!edge) return [];
    const result = await ingest(
      context,
      edge.body,
      { sizeBytes: edge.sizeBytes, maxSizeBytes: limits.maxPartBytes },
      false,
    );
    written.push(result);
    return result.blocks;
  };
  let committed = false;
  try {
    const md5 = md5Body ? await md5Of(md5Body, range.endByte - range.startByte + 1) : kept;
    const headBlocks = await writeEdge(headEdge);
    const tailBlocks = await writeEdge(tailEdge);
    // Never commit a reference to a block that is gone (the rows were read a moment ago).
    await context.blocks.requirePresent(plan.shared.map((row) => row.hash));
    const part: PartRecord = {
      v: 1,
      etag: (md5 ?? Buffer.alloc(0)).toString("hex"),
      sizeBytes: range.endByte - range.startByte + 1,
      createdMs: Date.now(),
      checksum: null,
    };
    await commit(part, [...headBlocks, ...plan.shared, ...tailBlocks]);
    committed = true;
    return part;
  } finally {
    for (const hashHex of pinned) context.blocks.unpin(hashHex);
    for (const result of written) result.release(committed);
  }
}

/** Which blocks of a stored (unencrypted, not inline) object a range can share. */
function planShare(tx: ReadTx, record: ObjectRecord, range: ByteRange): SharePlan {
  const shared: BlockRow[] = [];
  let sharedStart = -1;
  let sharedEnd = -1;
  for (const { partNumber, startByte } of partsOverlapping(record, range)) {
    for (const { offsetInPartBytes, row } of partBlocks(tx, record.versionId, partNumber)) {
      const blockStart = startByte + offsetInPartBytes;
      const blockEnd = blockStart + row.sizeBytes - 1;
      if (blockStart > range.endByte) break;
      if (blockStart < range.startByte || blockEnd > range.endByte) continue;
      if (sharedStart < 0) sharedStart = blockStart;
      sharedEnd = blockEnd;
      shared.push({ hash: row.hash, sizeBytes: row.sizeBytes, crc32c: row.crc32c });
    }
  }
  if (shared.length === 0) return { head: range, shared, tail: null };
  return {
    head: sharedStart > range.startByte ? { startByte: range.startByte, endByte: sharedStart - 1 } : null,
    shared,
    tail: sharedEnd < range.endByte ? { startByte: sharedEnd + 1, endByte: range.endByte } : null,
  };
}

/** The MD5 of the range when it was kept: the range is exactly one source part, or a whole single-PUT object. */
function knownMd5(tx: ReadTx, record: ObjectRecord, range: ByteRange): Buffer | null {
  const md5Hex = /^[0-9a-f]{32}$/;
  if (!record.parts) {
    const whole = range.startByte === 0 && range.endByte === record.sizeBytes - 1;
    return whole && md5Hex.test(record.etag) ? Buffer.from(record.etag, "hex") : null;
  }
  const overlapping = partsOverlapping(record, range);
  if (overlapping.length !== 1) return null;
  const [{ partNumber, startByte, sizeBytes }] = overlapping;
  if (range.startByte !== startByte || range.endByte !== startByte + sizeBytes - 1) return null;
  const bytes = tx.get("version_part", versionPartKey(record.versionId, partNumber));
  const etag = bytes ? records.part.decode(bytes).etag : "";
  return md5Hex.test(etag) ? Buffer.from(etag, "hex") : null;
}

/**
 * The MD5 of a range's bytes: a large range on a hashing thread (the event loop keeps
 * serving), through one reused shared buffer; a small one here.
 */
async function md5Of(body: AsyncIterable<Buffer>, sizeBytes: number): Promise<Buffer> {
  if (sizeBytes < limits.hashThreadMinBytes) {
    const md5 = crypto.createHash("md5");
    for await (const chunk of body) md5.update(chunk);
    return md5.digest();
  }
  const session = new HashSession(false);
  const buffer = acquireBlockBuffer(limits.hashThreadMinBytes);
  try {
    let filled = 0;
    for await (const chunk of body) {
      for (let offset = 0; offset < chunk.length;) {
        const copied = chunk.copy(buffer, filled, offset);
        filled += copied;
        offset += copied;
        if (filled === buffer.length) {
          await session.update(buffer, false);
          filled = 0;
        }
      }
    }
    if (filled > 0) await session.update(buffer.subarray(0, filled), false);
    return (await session.finish()).md5;
  } finally {
    session.drop();
    releaseBlockBuffer(buffer);
  }
}

/** The object's parts (part 1 for a single PUT) that hold bytes of the range, with their object offsets. */
function partsOverlapping(
  record: ObjectRecord,
  range: ByteRange,
): Array<{ partNumber: number; startByte: number; sizeBytes: number }> {
  const parts = record.parts ?? [[1, record.sizeBytes]];
  const overlapping: Array<{ partNumber: number; startByte: number; sizeBytes: number }> = [];
  let startByte = 0;
  for (const [partNumber, sizeBytes] of parts) {
    const endByte = startByte + sizeBytes - 1;
    if (sizeBytes > 0 && endByte >= range.startByte && startByte <= range.endByte)
      overlapping.push({ partNumber, startByte, sizeBytes });
    startByte += sizeBytes;
  }
  return overlapping;
}

/** One part's block rows in order, a page at a time. */
function* partBlocks(
  tx: ReadTx,
  versionId: Buffer,
  partNumber: number,
): Generator<{ offsetInPartBytes: number; row: BlockRow }> {
  const start = versionPartKey(versionId, partNumber);
  const end = prefixEnd(start) ?? undefined;
  let after: Buffer | undefined;
  for (;;) {
    const limit = limits.versionBlockPageRows;
    const batch = tx.range("version_block", after ? { after, end, limit } : { start, end, limit });
    if (batch.length === 0) return;
    for (const [key, value] of batch)
      yield { offsetInPartBytes: Number(key.readBigUInt64BE(start.length)), row: records.blockRow.decode(value) };
    after = batch[batch.length - 1][0];
  }
}
