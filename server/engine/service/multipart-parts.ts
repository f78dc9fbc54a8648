import type { ReadTx, WriteTx } from "../metadata/store";
import { prefixEnd, uploadKey, utf8, versionPartKey } from "../metadata/keys";
import { type ObjectRecord, type PartRecord, type UploadRecord, isDeleteMarker, records } from "../metadata/records";
import { EngineError } from "../errors";
import { limits } from "../../util/limits";
import type { ObjectVersions } from "./object-versions";
import { dropBlocks } from "./versions";
import { type CompletedPartInput, parseUploadId, stripQuotes } from "./multipart-rules";

/** The stored parts and uploads, as a completion reads, checks and trims them and a listing reads them (used by multipart.ts). */

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

export interface UploadListOptions {
  prefix: string;
  keyMarker: string | null;
  uploadIdMarker: string | null;
  maxUploads: number;
}

/** Uploads of a bucket in (key, upload id) order, after the given markers (ListMultipartUploads). */
export function listUploadRecords(
  tx: ReadTx,
  bucketId: string,
  options: UploadListOptions,
): { uploads: UploadRecord[]; isTruncated: boolean } {
  const bucket = Buffer.from(bucketId, "hex");
  const prefix = Buffer.concat([bucket, utf8(options.prefix)]);
  let after: Buffer | undefined;
  if (options.keyMarker !== null) {
    const markerId = options.uploadIdMarker ? parseUploadId(options.uploadIdMarker) : null;
    after = markerId
      ? uploadKey(bucket, options.keyMarker, markerId)
      : Buffer.concat([uploadKey(bucket, options.keyMarker, Buffer.alloc(0)), Buffer.alloc(16, 0xff)]);
  }
  const range = after && Buffer.compare(after, prefix) >= 0 ? { after } : { start: prefix };
  const rows = tx.range("mpu", {
    ...range,
    end: prefixEnd(prefix) ?? prefixEnd(bucket) ?? undefined,
    limit: options.maxUploads + 1,
  });
  return {
    uploads: rows.slice(0, options.maxUploads).map(([, value]) => records.upload.decode(value)),
    isTruncated: rows.length > options.maxUploads,
  };
}
