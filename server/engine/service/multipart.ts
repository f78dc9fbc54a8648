import crypto from "node:crypto";
import type { MetadataStore, ReadTx, WriteTx } from "../metadata/store";
import { uploadKey, versionPartKey } from "../metadata/keys";
import {
  type BlockRow,
  type BucketRecord,
  type ObjectRecord,
  type PartRecord,
  type Tag,
  type UploadRecord,
  isDeleteMarker,
  records,
} from "../metadata/records";
import type { BlockCollector } from "../blocks/collector";
import { EngineError } from "../errors";
import { limits } from "../../util/limits";
import type { BucketService } from "./buckets";
import type { ObjectMetadata, ObjectService } from "./objects";
import type { ObjectVersions } from "./object-versions";
import { type WriteConditions, checkConditions } from "./object-conditions";
import { type IngestExpectations, ingest } from "./ingest";
import { readObject } from "./read";
import { type PartCopySource, type PartCopyTarget, sharePart } from "./multipart-copy";
import {
  type UploadListOptions,
  checkParts,
  completedBefore,
  dropUnusedParts,
  listUploadRecords,
  readPart,
} from "./multipart-parts";
import { type NumberedPart, dropBlocks, insertPartBlocks, listVersionParts } from "./versions";
import { assertObjectKey } from "./names";
import { checkUploadParts, checkUploadStart, type Replaced } from "./quotas";
import { assertTagSet } from "./tags";
import type { ChecksumAlgorithm } from "./checksums";
import {
  type CompletedPartInput,
  assertPartNumber,
  checksumMatches,
  formatUploadId,
  completedRecord,
  finalChecksum,
  parseUploadId,
  partDataKey,
  stripQuotes,
  validatePartList,
} from "./multipart-rules";

export { type CompletedPartInput, formatUploadId } from "./multipart-rules";
import type { Acl } from "../access/acl";
import {
  blockOpener,
  blockSealer,
  encryptedEtag,
  newDataKey,
  protectDataKey,
  requireDataKey,
  sealOverheadBytes,
} from "./customer-encryption";

/**
 * Multipart uploads. The upload id is the version id of the object it becomes:
 * parts are stored as that version's parts, so completing an upload writes one
 * record and moves no data.
 */

export class MultipartService {
  constructor(
    private readonly db: MetadataStore,
    private readonly collector: BlockCollector,
    private readonly buckets: BucketService,
    private readonly objects: ObjectService,
    private readonly versions: ObjectVersions,
  ) {}

  async create(
    bucketId: string,
    key: string,
    metadata: ObjectMetadata,
    checksum: { algorithm: ChecksumAlgorithm; type: "FULL_OBJECT" | "COMPOSITE" } | null,
    tags: Tag[] = [],
    acl: Acl | null = null,
    customerKey: Buffer | null = null,
  ): Promise<UploadRecord> {
    assertObjectKey(key);
    assertTagSet(tags, "object");
    const upload: UploadRecord = {
      v: 1,
      uploadId: crypto.randomBytes(16),
      bucketId,
      key,
      createdMs: Date.now(),
      headers: metadata.headers,
      userMeta: metadata.userMeta,
      checksumAlgorithm: checksum?.algorithm ?? null,
      checksumType: checksum?.type ?? null,
      tags,
      acl,
      // SSE-C: the upload's data key, sealed under the customer's key; every part is sealed with it.
      sse: customerKey ? protectDataKey(newDataKey(), customerKey) : null,
    };
    return this.db.write((tx) => {
      const bucket = this.buckets.require(bucketId, tx);
      checkUploadStart(bucket, this.buckets.counter(bucketId, tx), this.replaced(tx, bucket, key));
      tx.put("mpu", uploadKey(Buffer.from(bucketId, "hex"), key, upload.uploadId), records.upload.encode(upload));
      tx.put("mpu_by_id", upload.uploadId, uploadKey(Buffer.from(bucketId, "hex"), key, upload.uploadId));
      this.buckets.changeCounter(tx, bucketId, { uploads: 1 });
      return upload;
    });
  }

  /** The upload, checked to belong to this bucket and key. */
  require(bucketId: string, key: string, uploadIdText: string, tx: ReadTx = this.db): UploadRecord {
    const uploadId = parseUploadId(uploadIdText);
    const location = uploadId ? tx.get("mpu_by_id", uploadId) : undefined;
    const bytes = location ? tx.get("mpu", location) : undefined;
    const upload = bytes ? records.upload.decode(bytes) : null;
    if (!upload || upload.bucketId !== bucketId || upload.key !== key) {
      throw new EngineError(
        "NoSuchUpload",
        "The specified multipart upload does not exist. The upload ID might be invalid, or the upload might have been aborted or completed.",
      );
    }
    return upload;
  }

  async uploadPart(
    bucketId: string,
    key: string,
    uploadIdText: string,
    partNumber: number,
    body: AsyncIterable<Buffer>,
    expect: Omit<IngestExpectations, "maxSizeBytes">,
    customerKey: Buffer | null = null,
  ): Promise<PartRecord> {
    assertPartNumber(partNumber);
    const upload = this.require(bucketId, key, uploadIdText);
    const dataKey = partDataKey(upload, customerKey);
    // A composite checksum is computed over the parts' own checksums: they must all use the upload's algorithm.
    if (upload.checksumAlgorithm && expect.checksumAlgorithm && expect.checksumAlgorithm !== upload.checksumAlgorithm) {
      throw new EngineError(
        "InvalidRequest",
        `Checksum Type mismatch occurred, expected checksum Type: ${upload.checksumAlgorithm.toLowerCase()}, actual checksum Type: ${expect.checksumAlgorithm.toLowerCase()}`,
      );
    }
    // Refused before a byte of the body is read when its declared length cannot fit.
    if (expect.sizeBytes !== undefined) this.checkPartFits(this.db, upload, partNumber, expect.sizeBytes);
    const result = await ingest(
      dataKey
        ? { ...this.objects.ingestContext(), sealBlock: blockSealer(dataKey, partNumber) }
        : this.objects.ingestContext(),
      body,
      { ...expect, maxSizeBytes: limits.maxPartBytes },
      false,
    );
    let committed = false;
    try {
      const part: PartRecord = {
        v: 1,
        etag: dataKey ? encryptedEtag(dataKey, result.md5) : result.md5.toString("hex"),
        sizeBytes: result.sizeBytes,
        createdMs: Date.now(),
        checksum:
          expect.checksumAlgorithm && result.checksumValueBase64
            ? { algorithm: expect.checksumAlgorithm, valueBase64: result.checksumValueBase64, type: "FULL_OBJECT" }
            : null,
      };
      await this.commitPart(upload, partNumber, part, result.blocks, dataKey ? sealOverheadBytes : 0);
      committed = true;
      return part;
    } finally {
      result.release(committed);
    }
  }

  /**
   * UploadPartCopy: a byte range of an object (all of it when `range` answers null)
   * becomes a part. Data in clear shares the source's whole blocks (multipart-copy.ts);
   * into or out of SSE-C, or from an inline object, the bytes are read and written again.
   */
  async copyPart(target: PartCopyTarget, source: PartCopySource): Promise<{ part: PartRecord; source: ObjectRecord }> {
    assertPartNumber(target.partNumber);
    const upload = this.require(target.bucketId, target.key, target.uploadIdText);
    const dataKey = partDataKey(upload, target.customerKey);
    // From here to the first await, one tick: the record read, its block rows listed and pinned agree.
    const record = this.objects.require(source.bucketId, source.key, source.version);
    const sourceKey = requireDataKey(record.sse ?? null, source.customerKey);
    const range = source.range(record) ?? { startByte: 0, endByte: record.sizeBytes - 1 };
    const sizeBytes = range.endByte - range.startByte + 1;
    this.checkPartFits(this.db, upload, target.partNumber, sizeBytes);
    if (dataKey || sourceKey || record.inline || sizeBytes <= 0) {
      const opener = sourceKey ? blockOpener(sourceKey) : null;
      const body = readObject(this.db, this.objects.ingestContext().blocks, record, range, opener);
      const part = await this.uploadPart(
        target.bucketId,
        target.key,
        target.uploadIdText,
        target.partNumber,
        body,
        { sizeBytes: Math.max(0, sizeBytes) },
        target.customerKey,
      );
      return { part, source: record };
    }
    const part = await sharePart(this.db, this.objects.ingestContext(), record, range, (made, blocks) =>
      this.commitPart(upload, target.partNumber, made, blocks, 0),
    );
    return { part, source: record };
  }

  /** Writes the part's record and block references (replacing an earlier part of the same number). */
  private async commitPart(
    upload: UploadRecord,
    partNumber: number,
    part: PartRecord,
    blocks: BlockRow[],
    overheadBytes: number,
  ): Promise<void> {
    const uploadIdText = formatUploadId(upload.uploadId);
    const freed = await this.db.write((tx) => {
      this.require(upload.bucketId, upload.key, uploadIdText, tx);
      this.checkPartFits(tx, upload, partNumber, part.sizeBytes);
      const previous = readPart(tx, upload.uploadId, partNumber);
      const dropped = previous ? dropBlocks(tx, upload.uploadId, partNumber) : [];
      insertPartBlocks(tx, upload.uploadId, partNumber, blocks, overheadBytes);
      tx.put("version_part", versionPartKey(upload.uploadId, partNumber), records.part.encode(part));
      this.buckets.changeCounter(tx, upload.bucketId, {
        uploadParts: previous ? 0 : 1,
        uploadBytes: part.sizeBytes - (previous?.sizeBytes ?? 0),
      });
      return dropped;
    });
    this.collector.enqueue(freed);
  }

  /** What completing this upload would replace: the key's "null" version, unless versioning is enabled. */
  private replaced(tx: ReadTx, bucket: BucketRecord, key: string): Replaced {
    if (bucket.versioning === "enabled") return { objects: 0, bytes: 0 };
    const record = this.versions.find(tx, bucket.id, key, { kind: "null" });
    return record && !isDeleteMarker(record) ? { objects: 1, bytes: record.sizeBytes } : { objects: 0, bytes: 0 };
  }

  /** With a size quota: this upload's other parts plus this one must fit (a part sent again replaces itself). */
  private checkPartFits(tx: ReadTx, upload: UploadRecord, partNumber: number, sizeBytes: number): void {
    const bucket = this.buckets.require(upload.bucketId, tx);
    if (bucket.quotas.maxSizeBytes === null) return;
    const { parts } = listVersionParts(tx, upload.uploadId, 0, limits.maxPartNumber);
    const otherBytes = parts.reduce((sum, part) => sum + (part.partNumber === partNumber ? 0 : part.sizeBytes), 0);
    checkUploadParts(
      bucket,
      this.buckets.counter(bucket.id, tx),
      this.replaced(tx, bucket, upload.key),
      otherBytes + sizeBytes,
    );
  }

  part(uploadId: Buffer, partNumber: number, tx: ReadTx = this.db): PartRecord | null {
    return readPart(tx, uploadId, partNumber);
  }

  /** Parts after `partNumberMarker`, in order. */
  listParts(
    upload: UploadRecord,
    partNumberMarker: number,
    maxParts: number,
    tx: ReadTx = this.db,
  ): { parts: NumberedPart[]; isTruncated: boolean } {
    return listVersionParts(tx, upload.uploadId, partNumberMarker, maxParts);
  }

  /**
   * `expectedChecksumBase64`: the whole object's checksum the client sent with the
   * completion, if any. Completing an upload again with the same parts answers the
   * same object (clients retry a completion whose answer they lost).
   */
  async complete(
    bucketId: string,
    key: string,
    uploadIdText: string,
    requested: CompletedPartInput[],
    conditions?: WriteConditions,
    expectedChecksumBase64?: string,
  ): Promise<ObjectRecord> {
    validatePartList(requested);
    const repeated = completedBefore(this.db, this.versions, { bucketId, key, uploadIdText }, requested);
    if (repeated) return repeated;
    checkConditions(this.objects.get(bucketId, key), conditions, "PreconditionFailed");
    const upload = this.require(bucketId, key, uploadIdText);
    const chosen = checkParts(this.db, upload, requested);
    const totalBytes = chosen.reduce((sum, { part }) => sum + part.sizeBytes, 0);
    if (totalBytes > limits.maxObjectBytes)
      throw new EngineError(
        "EntityTooLarge",
        `The parts add up to ${totalBytes} bytes, more than the largest object of ${limits.maxObjectBytes} bytes.`,
      );
    const checksum = await finalChecksum(
      upload,
      chosen.map(({ part }) => part),
    );
    if (expectedChecksumBase64 !== undefined && checksum && !checksumMatches(checksum, expectedChecksumBase64)) {
      throw new EngineError(
        "BadDigest",
        `The ${checksum.algorithm} you specified for the whole object did not match the calculated checksum.`,
        { algorithm: checksum.algorithm },
      );
    }
    const completed = await this.db.write((tx) => {
      // A concurrent completion of the same upload committed first: answer what it made.
      const again = completedBefore(tx, this.versions, { bucketId, key, uploadIdText }, requested);
      if (again) return { dropped: [], record: again };
      this.require(bucketId, key, uploadIdText, tx);
      checkConditions(this.objects.get(bucketId, key, tx), conditions, "ConditionalRequestConflict");
      const current = checkParts(tx, upload, requested);
      const unused = dropUnusedParts(tx, upload, new Set(requested.map((part) => part.partNumber)));
      const pushed = this.versions.push(tx, bucketId, key, completedRecord(upload, current, checksum), () => undefined);
      tx.put(
        "mpu_done",
        upload.uploadId,
        records.completedUpload.encode({
          v: 1,
          bucketId,
          key,
          seq: pushed.record.seq,
          parts: requested.map((part) => [part.partNumber, stripQuotes(part.etag)]),
        }),
      );
      this.removeUpload(
        tx,
        upload,
        current.reduce((sum, { part }) => sum + part.sizeBytes, 0),
        current.length,
      );
      return { dropped: [...unused, ...pushed.freed], record: pushed.record as ObjectRecord };
    });
    this.collector.enqueue(completed.dropped);
    return completed.record;
  }

  private removeUpload(tx: WriteTx, upload: UploadRecord, partBytes: number, partCount: number): void {
    tx.delete("mpu", uploadKey(Buffer.from(upload.bucketId, "hex"), upload.key, upload.uploadId));
    tx.delete("mpu_by_id", upload.uploadId);
    this.buckets.changeCounter(tx, upload.bucketId, { uploads: -1, uploadParts: -partCount, uploadBytes: -partBytes });
  }

  async abort(bucketId: string, key: string, uploadIdText: string): Promise<void> {
    const freed = await this.db.write((tx) => this.abortInTx(tx, this.require(bucketId, key, uploadIdText, tx)));
    this.collector.enqueue(freed);
  }

  abortInTx(tx: WriteTx, upload: UploadRecord): Buffer[] {
    const { parts } = this.listParts(upload, 0, limits.maxPartNumber, tx);
    const freed = dropBlocks(tx, upload.uploadId, null);
    for (const { partNumber } of parts) tx.delete("version_part", versionPartKey(upload.uploadId, partNumber));
    this.removeUpload(
      tx,
      upload,
      parts.reduce((sum, part) => sum + part.sizeBytes, 0),
      parts.length,
    );
    return freed;
  }

  /** Uploads of a bucket in (key, upload id) order, after the given markers. */
  listUploads(bucketId: string, options: UploadListOptions): { uploads: UploadRecord[]; isTruncated: boolean } {
    return listUploadRecords(this.db, bucketId, options);
  }

  /** Aborts uploads older than the given age (CleanupIncompleteUploads, lifecycle). */
  async cleanupOlderThan(bucketId: string, olderThanMs: number): Promise<number> {
    const cutoffMs = Date.now() - olderThanMs;
    const stale = this.listUploads(bucketId, {
      prefix: "",
      keyMarker: null,
      uploadIdMarker: null,
      maxUploads: limits.maxRowsPerTableRead,
    }).uploads.filter((upload) => upload.createdMs < cutoffMs);
    for (const upload of stale) await this.abortUpload(upload);
    return stale.length;
  }

  /** Aborts an upload already found (purge, cleanup) and queues its blocks for collection. */
  async abortUpload(upload: UploadRecord): Promise<void> {
    const freed = await this.db.write((tx) => this.abortInTx(tx, upload));
    this.collector.enqueue(freed);
  }
}
