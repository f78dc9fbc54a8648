import type { MetadataStore, ReadTx, WriteTx } from "../metadata/store";
import { versionPartKey } from "../metadata/keys";
import {
  type ObjectRecord,
  type StoredChecksum,
  type Tag,
  type VersionRecord,
  isDeleteMarker,
} from "../metadata/records";
import type { BlockStore } from "../blocks/store";
import type { BlockCollector } from "../blocks/collector";
import { EngineError } from "../errors";
import { limits } from "../../util/limits";
import type { BucketService } from "./buckets";
import { assertObjectKey } from "./names";
import { assertTagSet } from "./tags";
import { type IngestExpectations, type IngestResult, ingest } from "./ingest";
import {
  type LocatedBlock,
  type NumberedPart,
  copyVersionBlocks,
  insertPartBlocks,
  iterateVersionBlocks,
  listVersionParts,
} from "./versions";
import { type ByteRange, type ObjectBody, readObject } from "./read";
import type { ObjectVersions } from "./object-versions";
import { newVersionId, type VersionRef, versionIdText } from "./version-ids";
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
import { type WriteConditions, checkConditions } from "./object-conditions";

/**
 * Object operations: write (stream to blocks, then one atomic commit), read,
 * delete and copy. A write becomes visible only when its commit is durable, and
 * a commit replaces the previous version whole: readers see old or new, never a mix.
 */

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
  tags?: Tag[];
  /** The ACL asked for with the write (x-amz-acl, x-amz-grant-*); null: none. */
  acl?: Acl | null;
  /** SSE-C: the customer's 32-byte key; the object is stored sealed under a data key it protects. */
  customerKey?: Buffer | null;
}

/** What a DELETE did: the delete marker it created or the version it removed (null: nothing). */
export interface DeleteOutcome {
  version: VersionRecord | null;
}

export interface DeleteRequest {
  key: string;
  version: VersionRef | null;
}

export class ObjectService {
  constructor(
    private readonly db: MetadataStore,
    private readonly blocks: BlockStore,
    private readonly collector: BlockCollector,
    private readonly buckets: BucketService,
    readonly versions: ObjectVersions,
    private readonly blockSizeBytes: number,
  ) {}

  /** The current object of a key (null when absent or hidden by a delete marker). */
  get(bucketId: string, key: string, tx: ReadTx = this.db): ObjectRecord | null {
    return this.versions.current(tx, bucketId, key);
  }

  /** The version named, or the current object (null when absent or a delete marker). */
  find(bucketId: string, key: string, version: VersionRef | null, tx: ReadTx = this.db): ObjectRecord | null {
    if (!version) return this.get(bucketId, key, tx);
    const record = this.versions.find(tx, bucketId, key, version);
    return record && !isDeleteMarker(record) ? record : null;
  }

  /**
   * The object to read: the version named, or the current one. A delete marker
   * reads as a missing key (the newest) or as a version that cannot be read (named).
   */
  require(bucketId: string, key: string, version: VersionRef | null = null, tx: ReadTx = this.db): ObjectRecord {
    const record = version ? this.versions.find(tx, bucketId, key, version) : this.versions.latest(tx, bucketId, key);
    if (!record && version) throw new EngineError("NoSuchVersion", "The specified version does not exist.", { key });
    if (!record) throw new EngineError("NoSuchKey", "The specified key does not exist.", { key });
    if (isDeleteMarker(record)) throw deleteMarkerError(record, key, version !== null);
    return record;
  }

  /** Opens a reader in the same tick as the record is read (see readObject). */
  open(
    bucketId: string,
    key: string,
    version: VersionRef | null,
    range: (record: ObjectRecord) => ByteRange | null,
    customerKey: Buffer | null = null,
  ): { record: ObjectRecord; range: ByteRange | null; body: ObjectBody } {
    const record = this.require(bucketId, key, version);
    const dataKey = requireDataKey(record.sse ?? null, customerKey);
    const chosen = range(record);
    const opener = dataKey ? blockOpener(dataKey) : null;
    return { record, range: chosen, body: readObject(this.db, this.blocks, record, chosen, opener) };
  }

  /** SSE-C on reads without data (HEAD): the key must be the object's, and only an encrypted object takes one. */
  checkCustomerKey(record: ObjectRecord, customerKey: Buffer | null): void {
    requireDataKey(record.sse ?? null, customerKey);
  }

  async put(input: PutInput): Promise<ObjectRecord> {
    assertObjectKey(input.key);
    assertTagSet(input.tags ?? [], "object");
    // The current record (a 4 KiB one is a few pages of the database) is read only when a condition needs it.
    if (input.conditions) checkConditions(this.get(input.bucketId, input.key), input.conditions, "PreconditionFailed");
    const dataKey = input.customerKey ? newDataKey() : null;
    const result = await ingest(
      dataKey ? { ...this.ingestContext(), sealBlock: blockSealer(dataKey, 1) } : this.ingestContext(),
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
      versionId: newVersionId(),
      seq: 0,
      nullVersion: true,
      createdMs: Date.now(),
      sizeBytes: result.sizeBytes,
      etag: dataKey ? encryptedEtag(dataKey, result.md5) : result.md5.toString("hex"),
      headers: input.headers,
      userMeta: input.userMeta,
      checksum,
      parts: null,
      inline: result.inline,
      tags: input.tags ?? [],
      acl: input.acl ?? null,
      sse: dataKey && input.customerKey ? protectDataKey(dataKey, input.customerKey) : null,
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
      const pushed = await this.db.write((tx) => {
        // A condition that held when the request began but fails now lost a race: 409, as S3.
        if (conditions) checkConditions(this.get(bucketId, key, tx), conditions, "ConditionalRequestConflict");
        return this.versions.push(tx, bucketId, key, record, (versionId) =>
          insertPartBlocks(tx, versionId, 1, result.blocks, record.sse ? sealOverheadBytes : 0),
        );
      });
      committed = true;
      this.collector.enqueue(pushed.freed);
      return pushed.record as ObjectRecord;
    } finally {
      result.release(committed);
    }
  }

  /** DELETE: without a version, the current object goes (or a delete marker hides it); with one, that version goes. */
  async delete(bucketId: string, key: string, version: VersionRef | null = null): Promise<DeleteOutcome> {
    const outcome = await this.db.write((tx) => this.deleteInTx(tx, bucketId, key, version));
    this.collector.enqueue(outcome.freed);
    return { version: outcome.version };
  }

  /** Lifecycle expiration: deletes the key's current object only while it is still the version given. */
  async expireCurrent(bucketId: string, key: string, versionId: Buffer): Promise<boolean> {
    const outcome = await this.db.write((tx) => {
      const current = this.get(bucketId, key, tx);
      return current?.versionId.equals(versionId) ? this.deleteInTx(tx, bucketId, key, null) : null;
    });
    if (!outcome) return false;
    this.collector.enqueue(outcome.freed);
    return true;
  }

  private deleteInTx(
    tx: WriteTx,
    bucketId: string,
    key: string,
    version: VersionRef | null,
  ): DeleteOutcome & { freed: Buffer[] } {
    if (version) {
      const { freed, removed } = this.versions.remove(tx, bucketId, key, version);
      return { freed, version: removed };
    }
    const { freed, marker } = this.versions.deleteLatest(tx, bucketId, key);
    return { freed, version: marker };
  }

  /** PutObjectTagging / DeleteObjectTagging: replaces one version's tags (the current one unless named). */
  async setTags(bucketId: string, key: string, version: VersionRef | null, tags: Tag[]): Promise<ObjectRecord> {
    assertTagSet(tags, "object");
    return this.db.write((tx) => {
      const record = { ...this.require(bucketId, key, version, tx), tags };
      this.versions.rewrite(tx, bucketId, key, record);
      return record;
    });
  }

  /** A multipart object's parts after `partNumberMarker` (GetObjectAttributes). */
  parts(
    record: ObjectRecord,
    partNumberMarker: number,
    maxParts: number,
  ): { parts: NumberedPart[]; isTruncated: boolean } {
    return listVersionParts(this.db, record.versionId, partNumberMarker, maxParts);
  }

  /** Every version of a key, newest first, at most `limit` (InspectObject). */
  history(bucketId: string, key: string, limit: number): VersionRecord[] {
    return this.versions.history(this.db, bucketId, key, limit);
  }

  /** The blocks of an object version or an upload, in order (InspectObject). */
  versionBlocks(versionId: Buffer): LocatedBlock[] {
    return [...iterateVersionBlocks(this.db, versionId)];
  }

  /** Replaces a version's ACL where it lies (PutObjectAcl); its data and place are unchanged. */
  setAclInTx(tx: WriteTx, bucketId: string, key: string, version: VersionRef | null, acl: Acl | null): void {
    this.versions.rewrite(tx, bucketId, key, { ...this.require(bucketId, key, version, tx), acl });
  }

  /** Deletes many keys (or versions) in one commit; each outcome is reported separately. */
  async deleteMany(
    bucketId: string,
    requests: DeleteRequest[],
  ): Promise<Array<DeleteRequest & { outcome: DeleteOutcome | null; error?: EngineError }>> {
    const freed: Buffer[] = [];
    const outcomes = await this.db.write((tx) =>
      requests.map((request) => {
        try {
          assertObjectKey(request.key);
          const { freed: dropped, version } = this.deleteInTx(tx, bucketId, request.key, request.version);
          freed.push(...dropped);
          return { ...request, outcome: { version } };
        } catch (error) {
          if (error instanceof EngineError) return { ...request, outcome: null, error };
          throw error;
        }
      }),
    );
    this.collector.enqueue(freed);
    return outcomes;
  }

  /**
   * Copies an object by reference: the new version points at the same blocks, so
   * no byte is read or written. `metadata` null keeps the source's (COPY); `tags`
   * null keeps the source's tags.
   */
  async copy(source: CopySource, target: CopyTarget): Promise<{ record: ObjectRecord; source: ObjectRecord }> {
    assertObjectKey(target.key);
    assertTagSet(target.tags ?? [], "object");
    const targetKey = target.customerKey ?? null;
    const peek = this.require(source.bucketId, source.key, source.version);
    requireDataKey(peek.sse ?? null, source.customerKey ?? null);
    // Into or out of encryption the bytes themselves change: they are read and written again.
    if (Boolean(peek.sse) !== (targetKey !== null)) return this.copyData(source, target);
    const copied = await this.db.write((tx) => {
      const original = this.require(source.bucketId, source.key, source.version, tx);
      source.check(original);
      const dataKey = requireDataKey(original.sse ?? null, source.customerKey ?? null);
      if ((dataKey !== null) !== (targetKey !== null))
        throw new EngineError("ConditionalRequestConflict", "The copy source changed while it was being copied.");
      if (target.conditions)
        checkConditions(this.get(target.bucketId, target.key, tx), target.conditions, "PreconditionFailed");
      const record: ObjectRecord = {
        ...original,
        versionId: newVersionId(),
        createdMs: Date.now(),
        headers: target.metadata?.headers ?? original.headers,
        userMeta: target.metadata?.userMeta ?? original.userMeta,
        tags: target.tags ?? original.tags,
        // A copy is a new object: it gets the ACL of its own request, never the source's.
        acl: target.acl ?? null,
        // Same blocks, same data key: sealed anew under the target's customer key.
        sse: dataKey && targetKey ? protectDataKey(dataKey, targetKey) : null,
      };
      const pushed = this.versions.push(tx, target.bucketId, target.key, record, (versionId) => {
        copyVersionBlocks(tx, original.versionId, versionId);
        for (const [partNumber] of original.parts ?? []) {
          const part = tx.get("version_part", versionPartKey(original.versionId, partNumber));
          if (part) tx.put("version_part", versionPartKey(versionId, partNumber), part);
        }
      });
      return { freed: pushed.freed, record: pushed.record as ObjectRecord, source: original };
    });
    this.collector.enqueue(copied.freed);
    return { record: copied.record, source: copied.source };
  }

  /** A copy that re-reads the source (decrypting it) and writes the target (encrypting it), streamed. */
  private async copyData(
    source: CopySource,
    target: CopyTarget,
  ): Promise<{ record: ObjectRecord; source: ObjectRecord }> {
    const opened = this.open(
      source.bucketId,
      source.key,
      source.version,
      (record) => {
        source.check(record);
        return null;
      },
      source.customerKey ?? null,
    );
    const original = opened.record;
    const record = await this.put({
      bucketId: target.bucketId,
      key: target.key,
      body: opened.body,
      expect: { sizeBytes: original.sizeBytes, checksumAlgorithm: original.checksum?.algorithm },
      headers: target.metadata?.headers ?? original.headers,
      userMeta: target.metadata?.userMeta ?? original.userMeta,
      tags: target.tags ?? original.tags,
      conditions: target.conditions,
      acl: target.acl ?? null,
      customerKey: target.customerKey ?? null,
    });
    return { record, source: original };
  }
}

export interface CopySource {
  bucketId: string;
  key: string;
  version: VersionRef | null;
  check: (record: ObjectRecord) => void;
  /** SSE-C: the source's customer key (x-amz-copy-source-server-side-encryption-customer-key). */
  customerKey?: Buffer | null;
}

export interface CopyTarget {
  bucketId: string;
  key: string;
  metadata: ObjectMetadata | null;
  tags: Tag[] | null;
  conditions?: WriteConditions;
  acl?: Acl | null;
  customerKey?: Buffer | null;
}

function deleteMarkerError(marker: VersionRecord, key: string, named: boolean): EngineError {
  const facts = { key, deleteMarker: "true", versionId: versionIdText(marker), lastModifiedMs: marker.createdMs };
  return named
    ? new EngineError("DeleteMarker", "The specified method is not allowed against this resource.", facts)
    : new EngineError("NoSuchKey", "The specified key does not exist.", facts);
}
