import type { ReadTx, WriteTx } from "../metadata/store";
import { prefixEnd, versionPartKey } from "../metadata/keys";
import { type ObjectRecord, type PartRecord, type UploadRecord, isDeleteMarker, records } from "../metadata/records";
import { EngineError } from "../errors";
import { limits } from "../../util/limits";
import type { ObjectVersions } from "./object-versions";
import { dropBlocks } from "./versions";
import { type CompletedPartInput, parseUploadId, stripQuotes } from "./multipart-rules";

/** The stored parts of an upload, as a completion reads, checks and trims them (used by multipart.ts). */

export function readPart(tx: ReadTx, uploadId: Buffer, partNumber: number): PartRecord | null {
  const bytes = tx.get("version_part", versionPartKey(uploadId, partNumber));
  return bytes ? records.part.decode(bytes) : null;
}

/** The object an earlier completion of this upload made, when the same parts are asked for again. */
export function completedBefore(
  tx: ReadTx,
  versions: ObjectVersions,
  target: { bucketId: string; key: string; uploadIdText: string },
  requested: CompletedPartInput[],
): ObjectRecord | null {
  const uploadId = parseUploadId(target.uploadIdText);
  const bytes = uploadId ? tx.get("mpu_done", uploadId) : undefined;
  if (!uploadId || !bytes) return null;
  const done = records.completedUpload.decode(bytes);
  const sameParts =
    done.parts.length === requested.length &&
    done.parts.every(
      ([partNumber, etag], index) =>
        requested[index].partNumber === partNumber && stripQuotes(requested[index].etag) === etag,
    );
  if (done.bucketId !== target.bucketId || done.key !== target.key || !sameParts) return null;
  const record = versions.findData(tx, target.bucketId, target.key, done.seq, uploadId);
  return record && !isDeleteMarker(record) ? record : null;
}

/** The requested parts as stored: each must exist with its ETag (and checksum), and all but the last be large enough. */
export function checkParts(
  tx: ReadTx,
  upload: UploadRecord,
  requested: CompletedPartInput[],
): Array<{ partNumber: number; part: PartRecord }> {
  return requested.map((wanted, index) => {
    const part = readPart(tx, upload.uploadId, wanted.partNumber);
    if (!part || part.etag !== stripQuotes(wanted.etag)) {
      throw new EngineError("InvalidPart", `Part ${wanted.partNumber} could not be found or its ETag does not match.`, {
        partNumber: wanted.partNumber,
      });
    }
    if (
      wanted.checksumValueBase64 !== undefined &&
      part.checksum &&
      part.checksum.valueBase64 !== wanted.checksumValueBase64
    ) {
      throw new EngineError("InvalidPart", `Part ${wanted.partNumber}'s checksum does not match.`, {
        partNumber: wanted.partNumber,
      });
    }
    if (index < requested.length - 1 && part.sizeBytes < limits.minPartBytes) {
      throw new EngineError(
        "EntityTooSmall",
        `Part ${wanted.partNumber} is smaller than the minimum of ${limits.minPartBytes} bytes; only the last part may be smaller.`,
        { partNumber: wanted.partNumber },
      );
    }
    return { partNumber: wanted.partNumber, part };
  });
}

/** Deletes the parts a completion left out; answers their blocks' hashes whose last reference went. */
export function dropUnusedParts(tx: WriteTx, upload: UploadRecord, keep: Set<number>): Buffer[] {
  const freed: Buffer[] = [];
  for (const [rawKey] of tx.range("version_part", {
    start: upload.uploadId,
    end: prefixEnd(upload.uploadId) ?? undefined,
    limit: limits.maxPartNumber + 1,
  })) {
    const partNumber = rawKey.readUInt32BE(16);
    if (keep.has(partNumber)) continue;
    freed.push(...dropBlocks(tx, upload.uploadId, partNumber));
    tx.delete("version_part", rawKey);
  }
  return freed;
}
