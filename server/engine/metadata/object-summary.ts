import type { ObjectRecord, StoredChecksum } from "./records";

/**
 * What a listing shows of an object, read straight from its record's MessagePack
 * bytes. A page decodes a thousand records: only these fields are decoded, the
 * others (headers, user metadata, parts, inline data, tags, ACL) are stepped over
 * by their lengths, and the walk stops once all are found, so nothing is built for
 * them. The same checks as records.object.decode: version 1, a binary versionId, a
 * numeric size and a string ETag (object-summary.test.ts compares both on any record).
 */

export type ObjectSummary = Pick<ObjectRecord, "createdMs" | "sizeBytes" | "etag" | "checksum">;

const wantedFields = 6;

let bytes: Buffer = Buffer.alloc(0);
let position = 0;

export function decodeObjectSummary(record: Buffer): ObjectSummary {
  bytes = record;
  position = 0;
  let version: number | null = null;
  let hasVersionId = false;
  let createdMs: number | null = null;
  let sizeBytes: number | null = null;
  let etag: string | null = null;
  let checksum: StoredChecksum | null = null;
  let found = 0;
  for (let entries = readMapLength(); entries > 0 && found < wantedFields; entries--) {
    const nameLength = readStringLength();
    const name = position;
    advance(nameLength);
    if (nameLength === 1 && isName(name, "v")) {
      version = readNumber();
      found++;
    } else if (nameLength === 9 && isName(name, "versionId")) {
      hasVersionId = skipBinary();
      found++;
    } else if (nameLength === 9 && isName(name, "createdMs")) {
      createdMs = readNumber();
      found++;
    } else if (nameLength === 9 && isName(name, "sizeBytes")) {
      sizeBytes = readNumber();
      found++;
    } else if (nameLength === 4 && isName(name, "etag")) {
      etag = readString();
      found++;
    } else if (nameLength === 8 && isName(name, "checksum")) {
      checksum = readChecksum();
      found++;
    } else skipValues(1);
  }
  if (version !== 1 || !hasVersionId || createdMs === null || sizeBytes === null || etag === null) corrupt();
  return { createdMs, sizeBytes, etag, checksum };
}

function corrupt(): never {
  throw new Error("corrupt object record");
}

function advance(length: number): void {
  if (position + length > bytes.length) corrupt();
  position += length;
}

function readByte(): number {
  if (position >= bytes.length) corrupt();
  return bytes[position++];
}

function readUint(length: 1 | 2 | 4): number {
  const start = position;
  advance(length);
  return length === 1 ? bytes[start] : length === 2 ? bytes.readUInt16BE(start) : bytes.readUInt32BE(start);
}

function isName(start: number, name: string): boolean {
  for (let index = 0; index < name.length; index++) if (bytes[start + index] !== name.charCodeAt(index)) return false;
  return true;
}

function readMapLength(): number {
  const type = readByte();
  if (type >= 0x80 && type <= 0x8f) return type & 0x0f;
  if (type === 0xde) return readUint(2);
  if (type === 0xdf) return readUint(4);
  return corrupt();
}

/** A string's length in bytes; anything but a string is corrupt (record fields are named by strings). */
function readStringLength(): number {
  const type = readByte();
  if (type >= 0xa0 && type <= 0xbf) return type & 0x1f;
  if (type === 0xd9) return readUint(1);
  if (type === 0xda) return readUint(2);
  if (type === 0xdb) return readUint(4);
  return corrupt();
}

/** A number as msgpackr decodes it (its 64-bit integers are BigInts, which no record holds); anything else is corrupt. */
function readNumber(): number {
  const type = readByte();
  if (type <= 0x7f) return type;
  if (type >= 0xe0) return type - 0x100;
  const start = position;
  switch (type) {
    case 0xca:
      advance(4);
      return bytes.readFloatBE(start);
    case 0xcb:
      advance(8);
      return bytes.readDoubleBE(start);
    case 0xcc:
    case 0xcd:
    case 0xce:
      return readUint(type === 0xcc ? 1 : type === 0xcd ? 2 : 4);
    case 0xd0:
      advance(1);
      return bytes.readInt8(start);
    case 0xd1:
      advance(2);
      return bytes.readInt16BE(start);
    case 0xd2:
      advance(4);
      return bytes.readInt32BE(start);
    default:
      return corrupt();
  }
}

function readString(): string {
  const length = readStringLength();
  const start = position;
  advance(length);
  return bytes.toString("utf8", start, start + length);
}

/** Steps over a binary value; false (and the value skipped) when it is of another type. */
function skipBinary(): boolean {
  const type = bytes[position];
  if (type !== 0xc4 && type !== 0xc5 && type !== 0xc6) {
    skipValues(1);
    return false;
  }
  position++;
  advance(readUint(type === 0xc4 ? 1 : type === 0xc5 ? 2 : 4));
  return true;
}

function readChecksum(): StoredChecksum | null {
  if (bytes[position] === 0xc0) {
    position++;
    return null;
  }
  const fields: Record<string, string> = {};
  for (let entries = readMapLength(); entries > 0; entries--) {
    const name = readString();
    fields[name] = readString();
  }
  const { algorithm, valueBase64, type } = fields;
  if (algorithm === undefined || valueBase64 === undefined || type === undefined) corrupt();
  return { algorithm, valueBase64, type } as StoredChecksum;
}

/** Fixed sizes after the type byte, for the types that have one (-1: sized by a length, or not a type). */
const fixedSizes = new Int8Array(256).fill(-1);
for (const [type, size] of [
  [0xc0, 0],
  [0xc2, 0],
  [0xc3, 0],
  [0xca, 4],
  [0xcb, 8],
  [0xcc, 1],
  [0xcd, 2],
  [0xce, 4],
  [0xcf, 8],
  [0xd0, 1],
  [0xd1, 2],
  [0xd2, 4],
  [0xd3, 8],
  [0xd4, 2],
  [0xd5, 3],
  [0xd6, 5],
  [0xd7, 9],
  [0xd8, 17],
])
  fixedSizes[type] = size;
for (let type = 0x00; type <= 0x7f; type++) fixedSizes[type] = 0;
for (let type = 0xe0; type <= 0xff; type++) fixedSizes[type] = 0;

/** Steps over `count` values, nested ones included, without recursion. */
function skipValues(count: number): void {
  for (let pending = count; pending > 0; pending--) {
    const type = readByte();
    const fixed = fixedSizes[type];
    if (fixed >= 0) advance(fixed);
    else if (type >= 0x80 && type <= 0x8f) pending += 2 * (type & 0x0f);
    else if (type >= 0x90 && type <= 0x9f) pending += type & 0x0f;
    else if (type >= 0xa0 && type <= 0xbf) advance(type & 0x1f);
    else if (type === 0xc4 || type === 0xd9) advance(readUint(1));
    else if (type === 0xc5 || type === 0xda) advance(readUint(2));
    else if (type === 0xc6 || type === 0xdb) advance(readUint(4));
    else if (type === 0xc7) advance(readUint(1) + 1);
    else if (type === 0xc8) advance(readUint(2) + 1);
    else if (type === 0xc9) advance(readUint(4) + 1);
    else if (type === 0xdc) pending += readUint(2);
    else if (type === 0xdd) pending += readUint(4);
    else if (type === 0xde) pending += 2 * readUint(2);
    else if (type === 0xdf) pending += 2 * readUint(4);
    else corrupt();
  }
}
