import crypto from "node:crypto";
import type { ObjectRecord, PartRecord, UploadRecord } from "../metadata/records";
import { EngineError } from "../errors";
import { limits } from "../../util/limits";
import { compositeChecksum } from "./checksums";
import { combinePartChecksums } from "./crc-combine";
import { unlockDataKey } from "./customer-encryption";

/** Multipart uploads' pure rules: upload ids, part numbers and lists, the completed object and its checksum. */

export interface CompletedPartInput {
  partNumber: number;
  etag: string;
  checksumValueBase64?: string;
}

export function formatUploadId(uploadId: Buffer): string {
  return uploadId.toString("base64url");
}

export function parseUploadId(text: string): Buffer | null {
  if (!/^[A-Za-z0-9_-]{22}$/.test(text)) return null;
  const bytes = Buffer.from(text, "base64url");
  return bytes.length === 16 ? bytes : null;
}

export function assertPartNumber(partNumber: number): void {
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > limits.maxPartNumber) {
    throw new EngineError(
      "InvalidArgument",
      `Part number must be an integer between 1 and ${limits.maxPartNumber}, inclusive.`,
      { argumentName: "partNumber" },
    );
  }
}

export function validatePartList(parts: CompletedPartInput[]): void {
  if (parts.length === 0) throw new EngineError("InvalidRequest", "You must specify at least one part.");
  parts.forEach((part, index) => {
    assertPartNumber(part.partNumber);
    if (index > 0 && part.partNumber <= parts[index - 1].partNumber) {
      throw new EngineError(
        "InvalidPartOrder",
        "The list of parts was not in ascending order. Parts must be ordered by part number.",
      );
    }
  });
}

export function stripQuotes(etag: string): string {
  return etag.replace(/"/g, "");
}

/**
 * The whole-object checksum a client sent with the completion. A composite one is
 * stored in AWS's `<base64>-<parts>` form; clients send it so, or without the count.
 */
export function checksumMatches(checksum: NonNullable<ObjectRecord["checksum"]>, expected: string): boolean {
  if (expected === checksum.valueBase64) return true;
  return checksum.type === "COMPOSITE" && checksum.valueBase64.replace(/-\d+$/, "") === expected;
}

export function completedRecord(
  upload: UploadRecord,
  chosen: Array<{ partNumber: number; part: PartRecord }>,
  checksum: ObjectRecord["checksum"],
): ObjectRecord {
  const md5s = Buffer.concat(chosen.map(({ part }) => Buffer.from(part.etag, "hex")));
  return {
    v: 1,
    versionId: upload.uploadId,
    seq: 0,
    nullVersion: true,
    createdMs: Date.now(),
    sizeBytes: chosen.reduce((sum, { part }) => sum + part.sizeBytes, 0),
    etag: `${crypto.createHash("md5").update(md5s).digest("hex")}-${chosen.length}`,
    headers: upload.headers,
    userMeta: upload.userMeta,
    checksum,
    parts: chosen.map(({ partNumber, part }) => [partNumber, part.sizeBytes]),
    inline: null,
    tags: upload.tags,
    acl: upload.acl ?? null,
    sse: upload.sse ?? null,
  };
}

/** COMPOSITE: a checksum of the parts' checksums; FULL_OBJECT (CRCs only): the parts' CRCs combined. */
export async function finalChecksum(upload: UploadRecord, parts: PartRecord[]): Promise<ObjectRecord["checksum"]> {
  const algorithm = upload.checksumAlgorithm;
  if (!algorithm || parts.some((part) => part.checksum?.algorithm !== algorithm)) return null;
  const values = parts.map((part) => ({ valueBase64: part.checksum?.valueBase64 ?? "", sizeBytes: part.sizeBytes }));
  if (upload.checksumType === "FULL_OBJECT") {
    const combined = combinePartChecksums(algorithm, values);
    return combined === null ? null : { algorithm, valueBase64: combined, type: "FULL_OBJECT" };
  }
  return {
    algorithm,
    valueBase64: await compositeChecksum(
      algorithm,
      values.map((value) => value.valueBase64),
    ),
    type: "COMPOSITE",
  };
}

/** SSE-C on a part: exactly when the upload was started with it, and with the same key (S3's answers). */
export function partDataKey(upload: UploadRecord, customerKey: Buffer | null): Buffer | null {
  if (Boolean(upload.sse) !== (customerKey !== null))
    throw new EngineError(
      "InvalidRequest",
      "The multipart upload initiate requested encryption. Subsequent part requests must include the appropriate encryption parameters.",
    );
  if (!upload.sse || !customerKey) return null;
  try {
    return unlockDataKey(upload.sse, customerKey);
  } catch {
    throw new EngineError(
      "InvalidRequest",
      "The provided encryption parameters did not match the ones used originally.",
    );
  }
}
