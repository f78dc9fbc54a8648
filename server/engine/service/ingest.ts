import { limits } from "../../util/limits";
import { BlockStore } from "../blocks/store";
import type { BlockCollector } from "../blocks/collector";
import type { BlockRow } from "../metadata/records";
import { EngineError } from "../errors";
import { type ChecksumAlgorithm, type Checksummer, createChecksummer } from "./checksums";
import type { BlockSealer } from "./customer-encryption";
import { type BodyHashing, bodyHashing } from "./body-hashing";
import type { BlockDigests } from "../blocks/hash-threads";
import type { StagedBlock } from "../blocks/staging";

/**
 * Streams a body into blocks: computes the MD5 (the ETag), the client's checksum
 * and, for signed payloads, the SHA-256, cuts the bytes into blocks, and writes
 * each block durably while the next is being received. Nothing larger than a few
 * blocks is ever held. The blocks stay pinned until the caller commits a record
 * referencing them and calls `release()`; on failure they are released and queued
 * for collection.
 */

export interface IngestExpectations {
  /** Exact size when the client declared one. */
  sizeBytes?: number;
  maxSizeBytes: number;
  contentMd5Base64?: string;
  /** The payload hash the request signed. */
  sha256Hex?: string;
  checksumAlgorithm?: ChecksumAlgorithm;
  /** The client's checksum value; a function when it arrives in a trailer, after the body. */
  checksumValueBase64?: string | (() => string | undefined);
}

export interface IngestResult {
  sizeBytes: number;
  md5: Buffer;
  checksumValueBase64: string | null;
  blocks: BlockRow[];
  inline: Buffer | null;
  /** Unpins the blocks: call once the referencing record is committed (or abandoned). */
  release(committed: boolean): void;
}

export interface IngestContext {
  blocks: BlockStore;
  collector: BlockCollector;
  blockSizeBytes: number;
  /** SSE-C: each block is sealed before it is hashed and written (and nothing is kept inline). */
  sealBlock?: BlockSealer;
}

/** The block size a body is cut into: larger blocks for a body declared large (see limits.largeObjectMinBytes). */
export function blockBytesFor(declaredSizeBytes: number | undefined, configuredBlockBytes: number): number {
  const large = declaredSizeBytes !== undefined && declaredSizeBytes >= limits.largeObjectMinBytes;
  return large ? Math.max(configuredBlockBytes, limits.largeObjectBlockBytes) : configuredBlockBytes;
}

export async function ingest(
  context: IngestContext,
  body: AsyncIterable<Buffer>,
  expect: IngestExpectations,
  allowInline: boolean,
): Promise<IngestResult> {
  const session = new IngestSession(context, expect);
  try {
    for await (const chunk of body) await session.push(chunk);
    return await session.finish(allowInline);
  } catch (error) {
    await session.abandon();
    throw error;
  }
}

class IngestSession {
  private readonly hashing: BodyHashing;
  private readonly checksummer: Checksummer | null;
  private buffer: Buffer;
  private filled = 0;
  private sizeBytes = 0;
  private readonly rows: BlockRow[] = [];
  private readonly pinned: string[] = [];
  private readonly writes = new Set<Promise<void>>();
  /** Directory fsyncs of the written blocks: all awaited before the commit. */
  private readonly namesDurable: Array<Promise<void>> = [];
  private writeError: unknown = null;
  private readonly blockBytes: number;
  private readonly writesInFlight: number;
  /** Body bytes already cut into blocks: the next block's offset in its part. */
  private flushedBytes = 0;

  constructor(
    private readonly context: IngestContext,
    private readonly expect: IngestExpectations,
  ) {
    this.checksummer = expect.checksumAlgorithm ? createChecksummer(expect.checksumAlgorithm) : null;
    this.blockBytes = blockBytesFor(expect.sizeBytes, context.blockSizeBytes);
    this.hashing = bodyHashing(expect.sizeBytes, expect.sha256Hex !== undefined, this.blockBytes);
    this.writesInFlight = Math.min(
      limits.blockWritesInFlight,
      Math.max(2, Math.floor(limits.blockWriteBytesInFlight / this.blockBytes)),
    );
    this.buffer = this.hashing.newBuffer(this.nextBufferBytes(0));
  }

  /**
   * A small object gets a small buffer: one byte more than the bytes still
   * expected after `consumedBytes`, so the buffer is never full when the body ends
   * (the last block, or an inline object, is decided in finish()).
   */
  private nextBufferBytes(consumedBytes: number): number {
    const blockBytes = this.blockBytes;
    if (this.expect.sizeBytes === undefined) return blockBytes;
    return Math.max(1, Math.min(blockBytes, this.expect.sizeBytes - consumedBytes + 1));
  }

  async push(chunk: Buffer): Promise<void> {
    const receivedBeforeBytes = this.sizeBytes;
    this.sizeBytes += chunk.length;
    if (this.sizeBytes > this.expect.maxSizeBytes)
      throw new EngineError(
        "EntityTooLarge",
        `The upload exceeds the largest allowed size of ${this.expect.maxSizeBytes} bytes.`,
      );
    if (this.expect.sizeBytes !== undefined && this.sizeBytes > this.expect.sizeBytes) {
      throw new EngineError("InvalidRequest", "The body is longer than the declared Content-Length.");
    }
    this.hashing.received(chunk);
    this.checksummer?.update(chunk);
    let offset = 0;
    while (offset < chunk.length) {
      const copied = chunk.copy(this.buffer, this.filled, offset);
      this.filled += copied;
      offset += copied;
      if (this.filled === this.buffer.length) await this.flushBlock(receivedBeforeBytes + offset);
    }
  }

  /**
   * Writes the buffered block; `consumedBytes`: body bytes copied so far (sizes the
   * next buffer); `last`: no block follows.
   */
  private async flushBlock(consumedBytes: number, last = false): Promise<void> {
    if (this.filled === 0) return;
    const buffer = this.buffer;
    const plain = this.filled === buffer.length ? buffer : buffer.subarray(0, this.filled);
    const sealed = this.context.sealBlock ? this.context.sealBlock(plain, this.flushedBytes) : null;
    const data = sealed ?? plain;
    this.flushedBytes += plain.length;
    this.filled = 0;
    this.buffer = this.hashing.newBuffer(last ? 0 : this.nextBufferBytes(consumedBytes));
    const row: BlockRow = { hash: Buffer.alloc(0), sizeBytes: data.length };
    this.rows.push(row);
    // The block's digests (of the stored bytes: sealed ones are hashed here) and its write run off the
    // event loop, side by side: only the file's rename waits for its name.
    const hashed = this.hashing.block(plain, sealed === null);
    const staged = this.context.blocks.stage(data);
    const tracked = this.writeBlock(row, data, hashed, staged, sealed !== null, buffer).catch((error: unknown) => {
      this.writeError ??= error;
    });
    this.writes.add(tracked);
    void tracked.finally(() => this.writes.delete(tracked));
    // Backpressure: at most a few blocks are written at once per request.
    while (this.writes.size >= this.writesInFlight) await Promise.race(this.writes);
    if (this.writeError) throw this.writeError;
  }

  /** `buffer` (holding the plain bytes) is given back once neither the hashing nor a block copy reads it. */
  private async writeBlock(
    row: BlockRow,
    data: Buffer,
    hashed: Promise<BlockDigests | null>,
    staged: StagedBlock | null,
    sealed: boolean,
    buffer: Buffer,
  ): Promise<void> {
    let released = false;
    const releaseBuffer = () => {
      if (!released) this.hashing.releaseBuffer(buffer);
      released = true;
    };
    let handedToStore = false;
    try {
      const digests = (await hashed) ?? { crc32c: BlockStore.crc32c(data), sha256: null };
      // The plain buffer of a sealed block is read by the hashing only (the staging writes the sealed copy).
      if (sealed) releaseBuffer();
      const hash = digests.sha256 ?? (await BlockStore.hashAsync(data));
      row.hash = hash;
      row.crc32c = digests.crc32c;
      const hashHex = hash.toString("hex");
      this.context.blocks.pin(hashHex);
      this.pinned.push(hashHex);
      handedToStore = true;
      const { nameDurable } = await this.context.blocks.write(
        hash,
        data,
        () => {
          if (!sealed) releaseBuffer();
        },
        staged,
      );
      this.namesDurable.push(nameDurable);
    } catch (error) {
      // Once handed to the store, the buffer comes back through its callback (copies may still read it);
      // before that, only once the staging writes have stopped reading it.
      if (!handedToStore) await staged?.discard();
      if (!handedToStore || sealed) releaseBuffer();
      throw error;
    }
  }

  async finish(allowInline: boolean): Promise<IngestResult> {
    if (this.expect.sizeBytes !== undefined && this.sizeBytes !== this.expect.sizeBytes) {
      throw new EngineError(
        "IncompleteBody",
        `You did not provide the number of bytes specified: expected ${this.expect.sizeBytes}, received ${this.sizeBytes}.`,
      );
    }
    const tail = this.buffer.subarray(0, this.filled);
    const inline =
      allowInline && !this.context.sealBlock && this.rows.length === 0 && this.filled <= limits.inlineThresholdBytes
        ? Buffer.from(tail)
        : null;
    if (!inline) await this.flushBlock(this.sizeBytes, true);
    await Promise.all(this.writes);
    if (this.writeError) throw this.writeError;
    await Promise.all(this.namesDurable);
    const digests = await this.hashing.finish(inline ? tail : Buffer.alloc(0));
    this.releaseCurrentBuffer();
    this.verifyDigests(digests.md5, digests.payloadSha256);
    const checksumValueBase64 = await this.verifyChecksum();
    return {
      sizeBytes: this.sizeBytes,
      md5: digests.md5,
      checksumValueBase64,
      blocks: inline ? [] : this.rows,
      inline,
      release: (committed) => this.release(committed),
    };
  }

  /** The buffer being filled, once nothing more goes into it. */
  private releaseCurrentBuffer(): void {
    this.hashing.releaseBuffer(this.buffer);
    this.buffer = Buffer.alloc(0);
    this.filled = 0;
  }

  private verifyDigests(md5: Buffer, payloadSha256: Buffer | null): void {
    if (this.expect.contentMd5Base64 !== undefined && md5.toString("base64") !== this.expect.contentMd5Base64) {
      throw new EngineError("BadDigest", "The Content-MD5 you specified did not match what we received.");
    }
    if (payloadSha256 && payloadSha256.toString("hex") !== this.expect.sha256Hex) {
      throw new EngineError(
        "ContentSha256Mismatch",
        "The provided 'x-amz-content-sha256' header does not match what was computed.",
      );
    }
  }

  private async verifyChecksum(): Promise<string | null> {
    if (!this.checksummer || !this.expect.checksumAlgorithm) return null;
    const computed = (await this.checksummer.digest()).toString("base64");
    const expected =
      typeof this.expect.checksumValueBase64 === "function"
        ? this.expect.checksumValueBase64()
        : this.expect.checksumValueBase64;
    if (expected !== undefined && expected !== computed) {
      throw new EngineError(
        "BadDigest",
        `The ${this.expect.checksumAlgorithm} you specified did not match the calculated checksum.`,
        { algorithm: this.expect.checksumAlgorithm },
      );
    }
    return computed;
  }

  private release(committed: boolean): void {
    for (const hashHex of this.pinned) this.context.blocks.unpin(hashHex);
    if (!committed) this.context.collector.enqueue(this.pinned);
    this.pinned.length = 0;
  }

  async abandon(): Promise<void> {
    this.hashing.drop();
    await Promise.allSettled(this.writes);
    this.releaseCurrentBuffer();
    this.release(false);
  }
}
