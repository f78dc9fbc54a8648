import crypto from "node:crypto";
import type { MetadataStore, ReadTx, WriteTx } from "../metadata/store";
import { objectKey, versionPartKey } from "../metadata/keys";
import { type ObjectRecord, type StoredChecksum, records } from "../metadata/records";
import type { BlockStore } from "../blocks/store";
import type { BlockCollector } from "../blocks/collector";
import { EngineError } from "../errors";
import { limits } from "../../util/limits";
import type { BucketService } from "./buckets";
import { assertObjectKey } from "./names";
import { type IngestExpectations, type IngestResult, ingest } from "./ingest";
import { type LocatedBlock, copyVersionBlocks, dropBlocks, insertPartBlocks, iterateVersionBlocks } from "./versions";
import { type ByteRange, readObject } from "./read";

/**
 * Object operations: write (stream to blocks, then one atomic commit), read,
 * delete and copy. A write becomes visible only when its commit is durable, and
 * a commit replaces the previous version whole: readers see old or new, never a mix.
 */

export interface WriteConditions {
  /** If-None-Match: * — only create. */
  ifNoneMatchStar?: boolean;
  /** If-Match: the current ETag must be this one (quotes stripped). */
  ifMatchEtag?: string;
}

export interface ObjectMetadata {
  headers: Record<string, string>;
  userMeta: Record<string, string>;
}

export interface PutInput extends ObjectMetadata {
  bucketId: string;
  key: string;
  body: AsyncIterable<Buffer>;
  expect: Omit<IngestExpectations, "maxSizeBytes">;
  conditions?: WriteConditions;
}

export class ObjectService {
  constructor(
    private readonly db: MetadataStore,
    private readonly blocks: BlockStore,
    private readonly collector: BlockCollector,
    private readonly buckets: BucketService,
    private readonly blockSizeBytes: number,
  ) {}

  get(bucketId: string, key: string, tx: ReadTx = this.db): ObjectRecord | null {
    const bytes = tx.get("object", objectKey(Buffer.from(bucketId, "hex"), key));
    return bytes ? records.object.decode(bytes) : null;
  }

  require(bucketId: string, key: string, tx: ReadTx = this.db): ObjectRecord {
    const record = this.get(bucketId, key, tx);
    if (!record) throw new EngineError("NoSuchKey", "The specified key does not exist.", { key });
    return record;
  }

  /** Opens a reader in the same tick as the record is read (see readObject). */
  open(
    bucketId: string,
    key: string,
    range: (record: ObjectRecord) => ByteRange | null,
  ): { record: ObjectRecord; range: ByteRange | null; body: AsyncGenerator<Buffer> } {
    const record = this.require(bucketId, key);
    const chosen = range(record);
    return { record, range: chosen, body: readObject(this.db, this.blocks, record, chosen) };
  }

  async put(input: PutInput): Promise<ObjectRecord> {
    assertObjectKey(input.key);
    checkConditions(this.get(input.bucketId, input.key), input.conditions, "PreconditionFailed");
    const result = await ingest(
      this.ingestContext(),
      input.body,
      { ...input.expect, maxSizeBytes: limits.maxPutObjectBytes },
      true,
    );
    const checksum: StoredChecksum | null =
      input.expect.checksumAlgorithm && result.checksumValueBase64
        ? { algorithm: input.expect.checksumAlgorithm, valueBase64: result.checksumValueBase64, type: "FULL_OBJECT" }
        : null;
    const record: ObjectRecord = {
      v: 1,
      versionId: crypto.randomBytes(16),
      createdMs: Date.now(),
      sizeBytes: result.sizeBytes,
      etag: result.md5.toString("hex"),
      headers: input.headers,
      userMeta: input.userMeta,
      checksum,
      parts: null,
      inline: result.inline,
    };
    return this.commit(input.bucketId, input.key, record, result, input.conditions);
  }

  ingestContext() {
    return { blocks: this.blocks, collector: this.collector, blockSizeBytes: this.blockSizeBytes };
  }

  private async commit(
    bucketId: string,
    key: string,
    record: ObjectRecord,
    result: IngestResult,
    conditions: WriteConditions | undefined,
  ): Promise<ObjectRecord> {
    let committed = false;
    try {
      const freed = await this.db.write((tx) => {
        // A condition that held when the request began but fails now lost a race: 409, as S3.
        checkConditions(this.get(bucketId, key, tx), conditions, "ConditionalRequestConflict");
        return this.replaceVersion(tx, bucketId, key, record, (versionId) =>
          insertPartBlocks(tx, versionId, 1, result.blocks),
        );
      });
      committed = true;
      this.collector.enqueue(freed);
      return record;
    } finally {
      result.release(committed);
    }
  }

  /**
   * Installs `record` as the object's current version inside a transaction:
   * checks the bucket and its quotas, references the new blocks, drops the old
   * version's. Returns hashes that are no longer referenced.
   */
  replaceVersion(
    tx: WriteTx,
    bucketId: string,
    key: string,
    record: ObjectRecord,
    addBlocks: (versionId: Buffer) => void,
  ): Buffer[] {
    const bucket = this.buckets.require(bucketId, tx);
    const previous = this.get(bucketId, key, tx);
    const counter = this.buckets.counter(bucketId, tx);
    const objectDelta = previous ? 0 : 1;
    const byteDelta = record.sizeBytes - (previous?.sizeBytes ?? 0);
    const { maxSizeBytes, maxObjects } = bucket.quotas;
    if (maxObjects !== null && objectDelta > 0 && counter.objects + 1 > maxObjects) {
      throw new EngineError("QuotaExceeded", `The bucket's quota of ${maxObjects} objects would be exceeded.`);
    }
    if (maxSizeBytes !== null && byteDelta > 0 && counter.bytes + byteDelta > maxSizeBytes) {
      throw new EngineError("QuotaExceeded", `The bucket's quota of ${maxSizeBytes} bytes would be exceeded.`);
    }
    // New references first: a copy onto itself reads the previous version's
    // blocks and parts, which must still be there (and stay referenced).
    addBlocks(record.versionId);
    const freed = previous ? dropBlocks(tx, previous.versionId, null) : [];
    if (previous) this.dropParts(tx, previous);
    tx.put("object", objectKey(Buffer.from(bucketId, "hex"), key), records.object.encode(record));
    this.buckets.changeCounter(tx, bucketId, { objects: objectDelta, bytes: byteDelta });
    return freed;
  }

  private dropParts(tx: WriteTx, record: ObjectRecord): void {
    for (const [partNumber] of record.parts ?? [])
      tx.delete("version_part", versionPartKey(record.versionId, partNumber));
  }

  /** The blocks of an object version or an upload, in order (InspectObject). */
  versionBlocks(versionId: Buffer): LocatedBlock[] {
    return [...iterateVersionBlocks(this.db, versionId)];
  }

  /** Deletes one object; deleting a missing key succeeds (S3). Returns whether something was deleted. */
  async delete(bucketId: string, key: string): Promise<boolean> {
    const freed = await this.db.write((tx) => this.deleteInTx(tx, bucketId, key));
    if (freed === null) return false;
    this.collector.enqueue(freed);
    return true;
  }

  deleteInTx(tx: WriteTx, bucketId: string, key: string): Buffer[] | null {
    this.buckets.require(bucketId, tx);
    const previous = this.get(bucketId, key, tx);
    if (!previous) return null;
    const freed = dropBlocks(tx, previous.versionId, null);
    this.dropParts(tx, previous);
    tx.delete("object", objectKey(Buffer.from(bucketId, "hex"), key));
    this.buckets.changeCounter(tx, bucketId, { objects: -1, bytes: -previous.sizeBytes });
    return freed;
  }

  /** Deletes many keys in one commit; each key's outcome is reported separately. */
  async deleteMany(
    bucketId: string,
    keys: string[],
  ): Promise<Array<{ key: string; deleted: boolean; error?: EngineError }>> {
    const freed: Buffer[] = [];
    const outcomes = await this.db.write((tx) =>
      keys.map((key) => {
        try {
          assertObjectKey(key);
          const dropped = this.deleteInTx(tx, bucketId, key);
          if (dropped) freed.push(...dropped);
          return { key, deleted: dropped !== null };
        } catch (error) {
          if (error instanceof EngineError) return { key, deleted: false, error };
          throw error;
        }
      }),
    );
    this.collector.enqueue(freed);
    return outcomes;
  }

  /**
   * Copies an object by reference: the new version points at the same blocks, so
   * no byte is read or written. `metadata` null keeps the source's (COPY).
   */
  async copy(
    source: { bucketId: string; key: string; check: (record: ObjectRecord) => void },
    target: { bucketId: string; key: string; metadata: ObjectMetadata | null; conditions?: WriteConditions },
  ): Promise<ObjectRecord> {
    assertObjectKey(target.key);
    const freed = await this.db.write((tx) => {
      const original = this.require(source.bucketId, source.key, tx);
      source.check(original);
      checkConditions(this.get(target.bucketId, target.key, tx), target.conditions, "PreconditionFailed");
      const record: ObjectRecord = {
        ...original,
        versionId: crypto.randomBytes(16),
        createdMs: Date.now(),
        headers: target.metadata?.headers ?? original.headers,
        userMeta: target.metadata?.userMeta ?? original.userMeta,
      };
      const dropped = this.replaceVersion(tx, target.bucketId, target.key, record, (versionId) => {
        copyVersionBlocks(tx, original.versionId, versionId);
        for (const [partNumber] of original.parts ?? []) {
          const part = tx.get("version_part", versionPartKey(original.versionId, partNumber));
          if (part) tx.put("version_part", versionPartKey(versionId, partNumber), part);
        }
      });
      return { dropped, record };
    });
    this.collector.enqueue(freed.dropped);
    return freed.record;
  }
}

export function checkConditions(
  current: ObjectRecord | null,
  conditions: WriteConditions | undefined,
  failure: "PreconditionFailed" | "ConditionalRequestConflict",
): void {
  if (!conditions) return;
  if (conditions.ifNoneMatchStar && current) {
    throw new EngineError(
      failure,
      failure === "PreconditionFailed"
        ? "At least one of the pre-conditions you specified did not hold: the object exists."
        : "A conflicting operation created the object while this one was in progress.",
    );
  }
  if (conditions.ifMatchEtag !== undefined && (!current || current.etag !== conditions.ifMatchEtag)) {
    if (!current && failure === "PreconditionFailed")
      throw new EngineError("NoSuchKey", "The specified key does not exist.");
    throw new EngineError(
      failure,
      failure === "PreconditionFailed"
        ? "At least one of the pre-conditions you specified did not hold: the ETag differs."
        : "A conflicting operation changed the object while this one was in progress.",
    );
  }
}
