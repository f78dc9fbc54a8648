import { limits } from "../../util/limits";
import { HelperThread, type HelperReply } from "./helper-thread";

/**
 * Hashing off the event loop for large bodies. A body's MD5 (its ETag) must be
 * computed in order, and each block needs its SHA-256 (its name): one thread per
 * request does both, reading the block where the event loop copied it (shared
 * memory, so nothing is copied again), while the event loop keeps the socket and
 * the block writes. WebCrypto would copy every block and refuses shared memory.
 *
 * A few threads serve all requests; a request stays on one thread (its MD5's
 * order is the order of that thread's messages). A thread that dies fails the
 * requests it held and is replaced on next use.
 */

interface Reply extends HelperReply {
  error?: string;
  blockSha256?: Uint8Array;
  blockCrc32c?: number;
  md5?: Uint8Array;
  payloadSha256?: Uint8Array | null;
}

/** A hashing thread: its calls fail with the worker's error; an open body keeps it. */
class HashThread {
  sessions = 0;
  private readonly thread = new HelperThread<Reply>(
    new URL("./hash-worker.mjs", import.meta.url),
    "hashing",
    () => this.sessions > 0,
  );

  get dead(): boolean {
    return this.thread.dead;
  }

  get pendingCalls(): number {
    return this.thread.load;
  }

  checkIdle(): void {
    this.thread.checkIdle();
  }

  async call(message: Record<string, unknown>): Promise<Reply> {
    const reply = await this.thread.call(message);
    if (reply.error !== undefined) throw new Error(`hashing failed: ${reply.error}`);
    return reply;
  }

  /** A message whose answer nobody waits for (dropping a session). */
  send(message: Record<string, unknown>): void {
    this.thread.send(message);
  }
}

/** A stored block's name and read check. */
export interface BlockDigests {
  sha256: Buffer;
  crc32c: number;
}

const threads: HashThread[] = [];

/** Hashing threads running now (each ends when idle). */
export function hashThreadsLive(): number {
  return threads.filter((thread) => !thread.dead).length;
}
let nextSessionId = 1;

/** The live thread least loaded by `load`; a new one while fewer than limits.hashThreads run and none is idle. */
function pickThread(load: (thread: HashThread) => number): HashThread {
  for (let index = threads.length - 1; index >= 0; index -= 1) if (threads[index].dead) threads.splice(index, 1);
  const idle = threads.find((thread) => load(thread) === 0);
  if (idle) return idle;
  if (threads.length < limits.hashThreads) {
    const thread = new HashThread();
    threads.push(thread);
    return thread;
  }
  return threads.reduce((least, thread) => (load(thread) < load(least) ? thread : least));
}

/** One body's hashing: blocks in order, then the digests. */
export class HashSession {
  private readonly thread = pickThread((thread) => thread.sessions);
  private readonly id = nextSessionId++;
  private closed = false;

  constructor(payloadSha256: boolean) {
    this.thread.sessions += 1;
    this.thread.send({ op: "open", session: this.id, payloadSha256 });
  }

  /**
   * Adds the bytes to the body's digests; with `blockHash`, answers their SHA-256 and
   * CRC32C. `bytes` must be a view on shared memory that stays unchanged until this resolves.
   */
  async update(bytes: Buffer, blockHash: boolean): Promise<BlockDigests | null> {
    const region = { memory: bytes.buffer, offsetBytes: bytes.byteOffset, lengthBytes: bytes.length };
    const body = this.thread.call({ op: "block", session: this.id, ...region });
    // A block's own digests need no order: the least busy thread computes them beside the body's MD5.
    const digest = blockHash ? pickThread((thread) => thread.pendingCalls).call({ op: "digest", ...region }) : null;
    // Both settle before the caller may reuse the bytes, even when one fails.
    const [bodyDone, digestDone] = await Promise.allSettled([body, digest]);
    if (bodyDone.status === "rejected") throw bodyDone.reason;
    if (digestDone.status === "rejected") throw digestDone.reason;
    const reply = digestDone.value;
    if (!reply?.blockSha256 || reply.blockCrc32c === undefined) return null;
    return { sha256: toBuffer(reply.blockSha256), crc32c: reply.blockCrc32c };
  }

  async finish(): Promise<{ md5: Buffer; payloadSha256: Buffer | null }> {
    this.close();
    const reply = await this.thread.call({ op: "finish", session: this.id });
    if (!reply.md5) throw new Error("hashing failed: no digest");
    return { md5: toBuffer(reply.md5), payloadSha256: reply.payloadSha256 ? toBuffer(reply.payloadSha256) : null };
  }

  /** Forgets the body (failed or abandoned); safe to call more than once. */
  drop(): void {
    if (this.closed) return;
    this.close();
    this.thread.send({ op: "drop", session: this.id });
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.thread.sessions -= 1;
    this.thread.checkIdle();
  }
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}
