/**
 * Byte-level key building for the metadata trees. Keys compare as bytes, which is
 * S3's order for object keys (UTF-8), never JavaScript's UTF-16 string order.
 */

export const bucketIdBytes = 32;
export const versionIdBytes = 16;

export function utf8(text: string): Buffer {
  return Buffer.from(text, "utf8");
}

/** The smallest key greater than every key starting with `prefix`, or null when none is (all 0xff). */
export function prefixEnd(prefix: Buffer): Buffer | null {
  let end = prefix.length;
  while (end > 0 && prefix[end - 1] === 0xff) end -= 1;
  if (end === 0) return null;
  const successor = Buffer.from(prefix.subarray(0, end));
  successor[end - 1] += 1;
  return successor;
}

export function u32(value: number): Buffer {
  const buffer = Buffer.allocUnsafe(4);
  buffer.writeUInt32BE(value);
  return buffer;
}

export function u64(value: number): Buffer {
  const buffer = Buffer.allocUnsafe(8);
  buffer.writeBigUInt64BE(BigInt(value));
  return buffer;
}

export function objectKey(bucketId: Buffer, key: string): Buffer {
  return Buffer.concat([bucketId, utf8(key)]);
}

/** A block of a version: version id, part number, offset inside the part. */
export function versionBlockKey(versionId: Buffer, partNumber: number, offsetBytes: number): Buffer {
  return Buffer.concat([versionId, u32(partNumber), u64(offsetBytes)]);
}

export function versionPartKey(versionId: Buffer, partNumber: number): Buffer {
  return Buffer.concat([versionId, u32(partNumber)]);
}

/** Uploads sort by key then upload id; object keys never contain NUL (we refuse them). */
export function uploadKey(bucketId: Buffer, key: string, uploadId: Buffer): Buffer {
  return Buffer.concat([bucketId, utf8(key), Buffer.from([0]), uploadId]);
}

export function permKey(first: Buffer, second: Buffer): Buffer {
  return Buffer.concat([first, Buffer.from([0]), second]);
}

/**
 * The version tree: a key's versions sort after the key's bytes and a NUL (keys
 * never contain NUL, so key order is kept), newest first (the sequence inverted).
 */
export function keyVersionsPrefix(bucketId: Buffer, key: string): Buffer {
  return Buffer.concat([bucketId, utf8(key), Buffer.from([0])]);
}

const maxSeq = 0xffff_ffff_ffff_ffffn;

export function versionKey(bucketId: Buffer, key: string, seq: number): Buffer {
  const inverted = Buffer.allocUnsafe(8);
  inverted.writeBigUInt64BE(maxSeq - BigInt(seq));
  return Buffer.concat([keyVersionsPrefix(bucketId, key), inverted]);
}

/** The object key and sequence of a version tree row. */
export function parseVersionKey(bucketIdLength: number, row: Buffer): { keyBytes: Buffer; seq: number } {
  const seqAt = row.length - 8;
  return {
    keyBytes: row.subarray(bucketIdLength, seqAt - 1),
    seq: Number(maxSeq - row.readBigUInt64BE(seqAt)),
  };
}
