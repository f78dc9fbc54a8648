import crypto from "node:crypto";
import { EngineError } from "../errors";
import type { VersionRecord } from "../metadata/records";
import { versionIdBytes } from "../metadata/keys";

/**
 * S3 version ids. The "null" version is named "null"; every other version by its
 * place in its key's history and its data id (base64url of 8 + 16 bytes, 32
 * characters, as long as AWS's), so a version is found by one lookup, and an id
 * from another key or a deleted version never matches.
 */

export type VersionRef = { kind: "null" } | { kind: "id"; seq: number; versionId: Buffer };

const seqBytes = 8;
const textLength = Math.ceil(((seqBytes + versionIdBytes) * 4) / 3);

/**
 * Fresh data ids come from a pool the CSPRNG fills 4 KiB at a time: one call into
 * it per 256 writes instead of one per write (a PUT's own cost was 2 % of it).
 */
const versionIdPool = Buffer.alloc(256 * versionIdBytes);
let versionIdPoolOffset = versionIdPool.length;

export function newVersionId(): Buffer {
  if (versionIdPoolOffset === versionIdPool.length) {
    crypto.randomFillSync(versionIdPool);
    versionIdPoolOffset = 0;
  }
  const id = Buffer.from(versionIdPool.subarray(versionIdPoolOffset, versionIdPoolOffset + versionIdBytes));
  versionIdPoolOffset += versionIdBytes;
  return id;
}

export function versionIdText(record: VersionRecord): string {
  if (record.nullVersion) return "null";
  const bytes = Buffer.alloc(seqBytes + versionIdBytes);
  bytes.writeBigUInt64BE(BigInt(record.seq));
  record.versionId.copy(bytes, seqBytes);
  return bytes.toString("base64url");
}

export function parseVersionRef(text: string): VersionRef {
  if (text === "null") return { kind: "null" };
  const invalid = () =>
    new EngineError("InvalidArgument", "Invalid version id specified", { argumentName: "versionId" });
  if (text.length !== textLength || !/^[A-Za-z0-9_-]+$/.test(text)) throw invalid();
  const bytes = Buffer.from(text, "base64url");
  if (bytes.length !== seqBytes + versionIdBytes || bytes.toString("base64url") !== text) throw invalid();
  const seq = bytes.readBigUInt64BE(0);
  if (seq > BigInt(Number.MAX_SAFE_INTEGER)) throw invalid();
  return { kind: "id", seq: Number(seq), versionId: Buffer.from(bytes.subarray(seqBytes)) };
}

export function matchesRef(record: VersionRecord, ref: VersionRef): boolean {
  if (ref.kind === "null") return record.nullVersion;
  return !record.nullVersion && record.seq === ref.seq && record.versionId.equals(ref.versionId);
}

/** The reference that names this version. */
export function refOf(record: VersionRecord): VersionRef {
  return record.nullVersion ? { kind: "null" } : { kind: "id", seq: record.seq, versionId: record.versionId };
}
