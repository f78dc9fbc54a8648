import crypto from "node:crypto";

/**
 * Request bodies and latency statistics. Each body is unique (a stamp every 4 KiB)
 * so a store that deduplicates blocks by hash still has to write every byte. The
 * buffers are reused once their request has been answered and only the stamps are
 * rewritten: filling a fresh 64 MiB buffer costs tens of ms of page faults and
 * copies, which would otherwise sit inside the timed loop of a one-in-flight PUT.
 */

const stampEveryBytes = 4096;
const stampBytes = 16;
const baseBodies = new Map<number, Buffer>();
const freeBodies = new Map<number, Buffer[]>();
let sequence = 0;

function freshBody(sizeBytes: number): Buffer {
  let base = baseBodies.get(sizeBytes);
  if (!base) {
    base = crypto.randomBytes(sizeBytes);
    baseBodies.set(sizeBytes, base);
  }
  return Buffer.from(base);
}

function stamp(body: Buffer): void {
  sequence += 1;
  const mark = Buffer.alloc(stampBytes);
  mark.writeUInt32LE(process.pid, 0);
  mark.writeDoubleLE(sequence, 4);
  mark.writeUInt32LE(Date.now() % 0xffffffff, 12);
  for (let offset = 0; offset < body.length; offset += stampEveryBytes)
    mark.copy(body, offset, 0, Math.min(stampBytes, body.length - offset));
}

/** Runs `send` with a body of sizeBytes no other request has sent; the buffer is reused after. */
export async function withUniqueBody<T>(sizeBytes: number, send: (body: Buffer) => Promise<T>): Promise<T> {
  const free = freeBodies.get(sizeBytes) ?? [];
  freeBodies.set(sizeBytes, free);
  const body = free.pop() ?? freshBody(sizeBytes);
  stamp(body);
  try {
    return await send(body);
  } finally {
    free.push(body);
  }
}

export function percentileMs(sortedMs: number[], fraction: number): number {
  if (sortedMs.length === 0) return 0;
  const index = Math.min(sortedMs.length - 1, Math.floor(fraction * sortedMs.length));
  return sortedMs[index];
}

/** The generator's own CPU time (user + system) since `started`: what the client itself cost. */
export function cpuMsSince(started: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

/** Collects per-request latencies and outcomes for one step. */
export class Recorder {
  private readonly latenciesMs: number[] = [];
  ops = 0;
  errors = 0;
  bytes = 0;
  firstError: string | null = null;
  private readonly startedMs = performance.now();
  private readonly startedCpu = process.cpuUsage();

  ok(startedMs: number, bytes: number): void {
    this.latenciesMs.push(performance.now() - startedMs);
    this.ops += 1;
    this.bytes += bytes;
  }

  fail(reason: string): void {
    this.errors += 1;
    this.firstError ??= reason;
  }

  result() {
    const sorted = [...this.latenciesMs].sort((a, b) => a - b);
    return {
      ops: this.ops,
      errors: this.errors,
      bytes: this.bytes,
      elapsedMs: performance.now() - this.startedMs,
      clientCpuMs: cpuMsSince(this.startedCpu),
      p50Ms: percentileMs(sorted, 0.5),
      p99Ms: percentileMs(sorted, 0.99),
      firstError: this.firstError,
    };
  }
}

/** Runs `concurrency` loops of `step` until it returns false or the deadline passes. */
export async function runLoops(
  concurrency: number,
  deadlineMs: number,
  step: (worker: number) => Promise<boolean>,
): Promise<void> {
  const loop = async (worker: number) => {
    while (performance.now() < deadlineMs) {
      if (!(await step(worker))) return;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, worker) => loop(worker)));
}
