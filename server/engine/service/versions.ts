import { limits } from "../../util/limits";
import type { ReadTx, WriteTx } from "../metadata/store";
import { prefixEnd, versionBlockKey, versionPartKey } from "../metadata/keys";
import { type BlockRow, type PartRecord, records } from "../metadata/records";
import { addBlockRef, dropBlockRef } from "../blocks/collector";

/**
 * The blocks of an object version, keyed by (version, part, offset in part), and
 * their reference counts. A single PUT is part 1 of its version; a multipart
 * upload's id is the version id of the object it completes into.
 */

export interface LocatedBlock extends BlockRow {
  partNumber: number;
  offsetInPartBytes: number;
}

/**
 * Keys carry each block's offset in the part's own bytes; `overheadBytes` is what
 * each stored block holds beyond them (SSE-C's nonce and tag), so sealed blocks
 * are found by their plaintext offsets while rows keep their stored sizes.
 */
export function insertPartBlocks(
  tx: WriteTx,
  versionId: Buffer,
  partNumber: number,
  rows: BlockRow[],
  overheadBytes = 0,
): void {
  let offsetBytes = 0;
  for (const row of rows) {
    tx.put("version_block", versionBlockKey(versionId, partNumber, offsetBytes), records.blockRow.encode(row));
    addBlockRef(tx, row.hash);
    offsetBytes += row.sizeBytes - overheadBytes;
  }
}

/** Removes the blocks of one part (or of every part when partNumber is null); returns hashes no longer referenced. */
export function dropBlocks(tx: WriteTx, versionId: Buffer, partNumber: number | null): Buffer[] {
  const start = partNumber === null ? versionId : versionPartKey(versionId, partNumber);
  const end = prefixEnd(start) ?? undefined;
  const freed: Buffer[] = [];
  for (;;) {
    const batch = tx.range("version_block", { start, end, limit: limits.versionBlockBatchRows });
    if (batch.length === 0) break;
    for (const [key, value] of batch) {
      const row = records.blockRow.decode(value);
      if (dropBlockRef(tx, row.hash)) freed.push(row.hash);
      tx.delete("version_block", key);
    }
  }
  return freed;
}

/** Copies every block reference of a version to another (CopyObject without copying bytes). */
export function copyVersionBlocks(tx: WriteTx, fromVersionId: Buffer, toVersionId: Buffer): void {
  let after: Buffer | undefined;
  const end = prefixEnd(fromVersionId) ?? undefined;
  for (;;) {
    const batch = tx.range("version_block", {
      ...(after ? { after } : { start: fromVersionId }),
      end,
      limit: limits.versionBlockBatchRows,
    });
    if (batch.length === 0) break;
    for (const [key, value] of batch) {
      const row = records.blockRow.decode(value);
      tx.put("version_block", Buffer.concat([toVersionId, key.subarray(fromVersionId.length)]), value);
      addBlockRef(tx, row.hash);
    }
    after = batch[batch.length - 1][0];
  }
}

/** The blocks of a version in order, a page at a time. */
export function* iterateVersionBlocks(
  tx: ReadTx,
  versionId: Buffer,
  pageSize: number = limits.versionBlockPageRows,
): Generator<LocatedBlock> {
  const end = prefixEnd(versionId) ?? undefined;
  let after: Buffer | undefined;
  for (;;) {
    const batch = tx.range(
      "version_block",
      after ? { after, end, limit: pageSize } : { start: versionId, end, limit: pageSize },
    );
    if (batch.length === 0) return;
    for (const [key, value] of batch) {
      const row = records.blockRow.decode(value);
      yield {
        ...row,
        partNumber: key.readUInt32BE(versionId.length),
        offsetInPartBytes: Number(key.readBigUInt64BE(versionId.length + 4)),
      };
    }
    // A short page is the last: no second query to find nothing (a one-block object's rows were read twice).
    if (batch.length < pageSize) return;
    after = batch[batch.length - 1][0];
  }
}

export type NumberedPart = PartRecord & { partNumber: number };

/** The parts of a version (or an upload) after `partNumberMarker`, in order. */
export function listVersionParts(
  tx: ReadTx,
  versionId: Buffer,
  partNumberMarker: number,
  maxParts: number,
): { parts: NumberedPart[]; isTruncated: boolean } {
  const rows = tx.range("version_part", {
    after: versionPartKey(versionId, partNumberMarker),
    end: prefixEnd(versionId) ?? undefined,
    limit: maxParts + 1,
  });
  const parts = rows
    .slice(0, maxParts)
    .map(([rawKey, value]) => ({ ...records.part.decode(value), partNumber: rawKey.readUInt32BE(versionId.length) }));
  return { parts, isTruncated: rows.length > maxParts };
}
