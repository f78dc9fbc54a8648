import crypto from "node:crypto";
import { limits } from "../../util/limits";
import { BlockStore } from "../blocks/store";
import { acquireBlockBuffer, releaseBlockBuffer } from "../blocks/block-buffers";
import { type BlockDigests, HashSession } from "../blocks/hash-threads";

/**
 * Where a body's digests are computed while it streams in (ingest.ts): its MD5 (the
 * ETag), for a signed payload its SHA-256, and each block's SHA-256 (its name).
 * A small body is hashed on the event loop as it arrives; a large one on a hashing
 * thread, block by block, from reusable shared buffers (hash-threads.ts).
 */
export interface BodyHashing {
  /** Each chunk of the body, in order, as received. */
  received(chunk: Buffer): void;
  /** A buffer to fill with the next block (`sizeBytes` is a hint; 0 when no block follows). */
  newBuffer(sizeBytes: number): Buffer;
  /**
   * A filled block of the body, in order (from a buffer of newBuffer, unchanged until
   * this resolves). With `blockHash`, resolves to the bytes' SHA-256 and CRC32C.
   */
  block(plain: Buffer, blockHash: boolean): Promise<BlockDigests | null>;
  /** Done with a buffer of newBuffer. */
  releaseBuffer(buffer: Buffer): void;
  /** The digests; `tail`: the body's last bytes that were never passed to block(). */
  finish(tail: Buffer): Promise<{ md5: Buffer; payloadSha256: Buffer | null }>;
  /** The body was abandoned. */
  drop(): void;
}

export function bodyHashing(declaredSizeBytes: number | undefined, payloadSha256: boolean, blockBytes: number) {
  const large = declaredSizeBytes === undefined || declaredSizeBytes >= limits.hashThreadMinBytes;
  return large ? new ThreadHashing(payloadSha256, blockBytes) : new EventLoopHashing(payloadSha256);
}

class EventLoopHashing implements BodyHashing {
  private readonly md5 = crypto.createHash("md5");
  private readonly sha256: crypto.Hash | null;

  constructor(payloadSha256: boolean) {
    this.sha256 = payloadSha256 ? crypto.createHash("sha256") : null;
  }

  received(chunk: Buffer): void {
    this.md5.update(chunk);
    this.sha256?.update(chunk);
  }

  newBuffer(sizeBytes: number): Buffer {
    return Buffer.allocUnsafe(sizeBytes);
  }

  // WebCrypto hashes on libuv's thread pool, off the event loop (it copies the block first).
  async block(plain: Buffer, blockHash: boolean): Promise<BlockDigests | null> {
    if (!blockHash) return null;
    const crc32c = BlockStore.crc32c(plain);
    return { sha256: await BlockStore.hashAsync(plain), crc32c };
  }

  releaseBuffer(): void {}

  async finish(): Promise<{ md5: Buffer; payloadSha256: Buffer | null }> {
    return { md5: this.md5.digest(), payloadSha256: this.sha256?.digest() ?? null };
  }

  drop(): void {}
}

class ThreadHashing implements BodyHashing {
  private readonly session: HashSession;

  constructor(
    payloadSha256: boolean,
    private readonly blockBytes: number,
  ) {
    this.session = new HashSession(payloadSha256);
  }

  received(): void {}

  /** Always a whole block buffer from the pool (so buffers are reused), or none after the last block. */
  newBuffer(sizeBytes: number): Buffer {
    return sizeBytes === 0 ? Buffer.alloc(0) : acquireBlockBuffer(this.blockBytes);
  }

  block(plain: Buffer, blockHash: boolean): Promise<BlockDigests | null> {
    return this.session.update(plain, blockHash);
  }

  releaseBuffer(buffer: Buffer): void {
    releaseBlockBuffer(buffer);
  }

  async finish(tail: Buffer): Promise<{ md5: Buffer; payloadSha256: Buffer | null }> {
    if (tail.length > 0) await this.session.update(tail, false);
    return this.session.finish();
  }

  drop(): void {
    this.session.drop();
  }
}
