import { crc32c } from "@node-rs/crc32";
import { Worker } from "node:worker_threads";
import { IdleRetirement } from "./idle-thread";
import { profilingFlags } from "./hash-threads";

/**
 * A block's CRC32C off the event loop. Serving a large object, checking every block
 * (~0.7 ms per 4 MiB) was a third of the engine's CPU, on the thread that also writes
 * the sockets. Pooled read buffers live in shared memory, so one checking thread reads
 * the bytes where the read put them (nothing copied) while the event loop sends the
 * block before. The result is the same function's: a check that cannot reach the
 * thread (it died, or the bytes are not shared) runs on the event loop instead.
 */

interface Reply {
  seq: number;
  crc32c?: number;
  error?: string;
}

/** Smaller blocks are checked in place: a message each way would cost more than the CRC. */
const offThreadMinBytes = 256 * 1024;

class CheckThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (crc: number) => void; reject: (error: Error) => void }>();
  private nextSeq = 1;
  private readonly retirement: IdleRetirement;
  private failed = false;

  /** Failed, or ended for being idle: a new thread takes its place on next use. */
  get dead(): boolean {
    return this.failed || this.retirement.retired;
  }

  constructor() {
    // Plain JavaScript, no loader; the engine's profiling flags, so bench --profile shows the checks too.
    this.worker = new Worker(new URL("./check-worker.mjs", import.meta.url), { execArgv: profilingFlags() });
    // An idle thread must not keep the process alive; pending reads hold their own sockets.
    this.worker.unref();
    this.worker.on("message", (reply: Reply) => this.settle(reply));
    this.worker.on("error", (error) => this.fail(error));
    this.worker.on("exit", (code) => this.fail(new Error(`the checking thread exited with code ${code}`)));
    this.retirement = new IdleRetirement(this.worker);
  }

  crc32c(bytes: Buffer): Promise<number> {
    this.retirement.busy();
    const seq = this.nextSeq++;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      this.worker.postMessage({ seq, memory: bytes.buffer, offsetBytes: bytes.byteOffset, lengthBytes: bytes.length });
    });
  }

  private settle(reply: Reply): void {
    const waiter = this.pending.get(reply.seq);
    if (!waiter) return;
    this.pending.delete(reply.seq);
    if (reply.crc32c === undefined) waiter.reject(new Error(`checking failed: ${reply.error ?? "no value"}`));
    else waiter.resolve(reply.crc32c);
    if (this.pending.size === 0) this.retirement.idle();
  }

  private fail(error: Error): void {
    this.failed = true;
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }
}

let thread: CheckThread | null = null;

/** Whether a checking thread is running now (it ends when idle). */
export function checkingThreadLive(): boolean {
  return thread !== null && !thread.dead;
}

/**
 * The CRC32C of `bytes`, on the checking thread when they are a large view on shared
 * memory (which must stay unchanged until this resolves), else on the event loop.
 */
export async function crc32cOffLoop(bytes: Buffer): Promise<number> {
  if (!(bytes.buffer instanceof SharedArrayBuffer) || bytes.length < offThreadMinBytes) return crc32c(bytes);
  if (!thread || thread.dead) thread = new CheckThread();
  try {
    return await thread.crc32c(bytes);
  } catch {
    return crc32c(bytes);
  }
}
