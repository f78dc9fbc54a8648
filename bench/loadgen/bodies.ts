import crypto from "node:crypto";

/**
 * Request bodies and latency statistics. Each body is unique (a stamp every 4 KiB)
 * so a store that deduplicates blocks by hash still has to write every byte.
 */

const stampEveryBytes = 4096;
const baseBodies = new Map<number, Buffer>();
let sequence = 0;

export function uniqueBody(sizeBytes: number): Buffer {
  let base = baseBodies.get(sizeBytes);
  if (!base) {
    base = crypto.randomBytes(sizeBytes);
    baseBodies.set(sizeBytes, base);
  }
  const body = Buffer.allocUnsafe(sizeBytes);
  base.copy(body);
  sequence += 1;
  const stamp = Buffer.alloc(16);
  stamp.writeUInt32LE(process.pid, 0);
  stamp.writeDoubleLE(sequence, 4);
  stamp.writeUInt32LE(Date.now() % 0xffffffff, 12);
  for (let offset = 0; offset < sizeBytes; offset += stampEveryBytes)
    stamp.copy(body, offset, 0, Math.min(16, sizeBytes - offset));
  return body;
}

export function percentileMs(sortedMs: number[], fraction: number): number {
  if (sortedMs.length === 0) return 0;
  const index = Math.min(sortedMs.length - 1, Math.floor(fraction * sortedMs.length));
  return sortedMs[index];
}

/** Collects per-request latencies and outcomes for one step. */
export class Recorder {
  private readonly latenciesMs: number[] = [];
  ops = 0;
  errors = 0;
  bytes = 0;
  firstError: string | null = null;
  private readonly startedMs = performance.now();

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
