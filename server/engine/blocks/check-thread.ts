import { crc32c } from "@node-rs/crc32";
import { limits } from "../../util/limits";
import { HelperThread, type HelperReply } from "./helper-thread";

/**
 * A block's CRC32C off the event loop. Serving a large object, checking every block
 * (~0.7 ms per 4 MiB) was a third of the engine's CPU, on the thread that also writes
 * the sockets. Pooled read buffers live in shared memory, so a checking thread reads
 * the bytes where the read put them (nothing copied) while the event loop sends the
 * block before. The result is the same function's: a check that cannot reach a
 * thread (it died, or the bytes are not shared) runs on the event loop instead.
 *
 * A checking thread can also read the block's file itself (`readAndCheckOffLoop`):
 * open, read and close are then plain system calls on that thread, instead of three
 * round trips through libuv's pool and a fourth hop to the checking thread, and the
 * check reads bytes still in that core's cache.
 */

interface Reply extends HelperReply {
  crc32c?: number;
  readBytes?: number;
  error?: string;
  /** The system error code of a failed file read (ENOENT, EIO...). */
  code?: string;
  present?: boolean[];
}

/** Smaller blocks are checked in place: a message each way would cost more than the CRC. */
const offThreadMinBytes = 256 * 1024;

type CheckThread = HelperThread<Reply>;

const newCheckThread = (): CheckThread =>
  new HelperThread<Reply>(new URL("./check-worker.mjs", import.meta.url), "checking");

/** The CRC32C of `bytes`, after reading `file` into them when given. */
function requestCheck(thread: CheckThread, bytes: Buffer, file?: string): Promise<Reply> {
  return thread.call({ file, memory: bytes.buffer, offsetBytes: bytes.byteOffset, lengthBytes: bytes.length });
}

let threads: CheckThread[] = [];

/** The least busy live thread; a new one while every live one has work and the limit allows. */
function pickThread(): CheckThread {
  threads = threads.filter((thread) => !thread.dead);
  const idlest = threads.reduce<CheckThread | null>((a, b) => (a && a.load <= b.load ? a : b), null);
  if (idlest && (idlest.load === 0 || threads.length >= limits.blockCheckThreads)) return idlest;
  const started = newCheckThread();
  threads.push(started);
  return started;
}

/** The checking threads running now (they end when idle). */
export function checkingThreadsLive(): number {
  return threads.filter((thread) => !thread.dead).length;
}

function offThreadEligible(bytes: Buffer): boolean {
  return bytes.buffer instanceof SharedArrayBuffer && bytes.length >= offThreadMinBytes;
}

/**
 * The CRC32C of `bytes`, on a checking thread when they are a large view on shared
 * memory (which must stay unchanged until this resolves), else on the event loop.
 */
export async function crc32cOffLoop(bytes: Buffer): Promise<number> {
  if (!offThreadEligible(bytes)) return crc32c(bytes);
  const reply = await requestCheck(pickThread(), bytes).catch(() => null);
  return reply?.crc32c ?? crc32c(bytes);
}

/** A block file's read failed on the checking thread; `code` is the system's (ENOENT, EIO...). */
export class BlockFileReadError extends Error {
  override name = "BlockFileReadError";
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/**
 * Reads `file` into `into` (a large view on shared memory, untouched until this
 * settles) and answers the CRC32C of the bytes read, both on a checking thread.
 * Null when no thread can do it (`into` is not shared or small, or the thread
 * failed): the caller reads and checks the ordinary way. A failed read of the
 * file itself throws a BlockFileReadError with the system's code.
 */
export async function readAndCheckOffLoop(
  file: string,
  into: Buffer,
): Promise<{ readBytes: number; crc32c: number } | null> {
  if (!offThreadEligible(into)) return null;
  const reply = await requestCheck(pickThread(), into, file).catch(() => null);
  if (reply?.code !== undefined) throw new BlockFileReadError(reply.error ?? reply.code, reply.code);
  if (reply?.readBytes === undefined || reply.crc32c === undefined) return null;
  return { readBytes: reply.readBytes, crc32c: reply.crc32c };
}

/**
 * Whether each of `files` exists, answered by a checking thread in one message
 * (a large object's blocks are checked before its first byte is sent: one round
 * trip through libuv's pool each). Null when no thread can answer.
 */
export async function filesPresentOffLoop(files: string[]): Promise<boolean[] | null> {
  const reply = await pickThread()
    .call({ files })
    .catch(() => null);
  return reply?.present?.length === files.length ? reply.present : null;
}
