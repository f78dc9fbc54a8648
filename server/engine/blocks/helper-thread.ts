import { Worker } from "node:worker_threads";
import { IdleRetirement } from "./idle-thread";

/**
 * One helper thread (hashing, checking) and the calls in flight to it: each
 * message carries a sequence number its reply repeats. A thread that dies fails
 * the calls it held and reports itself dead, so its pool starts another on next
 * use; one with nothing in hand ends after a while (idle-thread.ts).
 */
export interface HelperReply {
  seq: number;
}

export class HelperThread<Reply extends HelperReply> {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  private nextSeq = 1;
  private readonly retirement: IdleRetirement;
  private failed = false;

  /**
   * `script`: plain JavaScript, so that it starts without a loader under tsx, vitest and
   * node; `holdsWork`: work beyond the calls in flight that keeps the thread (an open body).
   */
  constructor(
    script: URL,
    private readonly label: string,
    private readonly holdsWork: () => boolean = () => false,
  ) {
    // The engine's CPU profiling flags, so that a profile (bench --profile) shows the thread's work too.
    this.worker = new Worker(script, { execArgv: profilingFlags() });
    // An idle thread must not keep the process alive; pending requests hold their own sockets.
    this.worker.unref();
    this.worker.on("message", (reply: Reply) => this.settle(reply));
    this.worker.on("error", (error) => this.fail(error));
    this.worker.on("exit", (code) => this.fail(new Error(`the ${label} thread exited with code ${code}`)));
    this.retirement = new IdleRetirement(this.worker);
  }

  /** Failed, or ended for being idle: a new thread takes its place on next use. */
  get dead(): boolean {
    return this.failed || this.retirement.retired;
  }

  /** Calls in flight. */
  get load(): number {
    return this.pending.size;
  }

  /** Sends `message` and resolves with the thread's reply to it. */
  call(message: object): Promise<Reply> {
    if (this.dead) return Promise.reject(new Error(`the ${this.label} thread has stopped`));
    this.retirement.busy();
    const seq = this.nextSeq++;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      this.worker.postMessage({ ...message, seq });
    });
  }

  /** A message whose answer nobody waits for. */
  send(message: object): void {
    if (!this.dead) this.worker.postMessage({ ...message, seq: 0 });
  }

  /** Called when a call settles or other work ends: a thread with neither may end. */
  checkIdle(): void {
    if (this.pending.size === 0 && !this.holdsWork()) this.retirement.idle();
  }

  private settle(reply: Reply): void {
    const waiter = this.pending.get(reply.seq);
    if (!waiter) return;
    this.pending.delete(reply.seq);
    waiter.resolve(reply);
    this.checkIdle();
  }

  private fail(error: Error): void {
    this.failed = true;
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }
}

/** The engine's CPU profiling flags, for a worker to inherit (a worker's own profile then lands beside the engine's). */
export function profilingFlags(): string[] {
  return process.execArgv.flatMap((flag, index, all) => {
    if (flag === "--cpu-prof" || flag.startsWith("--cpu-prof-dir=")) return [flag];
    return flag === "--cpu-prof-dir" ? [flag, all[index + 1]] : [];
  });
}
