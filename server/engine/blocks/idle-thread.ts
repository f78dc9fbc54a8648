import type { Worker } from "node:worker_threads";
import { limits } from "../../util/limits";

/**
 * Ends a helper thread (hashing, checking) once it has had nothing to do for
 * limits.helperThreadIdleMs. A thread that read block buffers in shared memory keeps
 * them alive until its own garbage collector runs, and an idle thread allocates
 * nothing, so it never runs: after a burst of large transfers each thread held up to
 * ~60 MiB of buffers the engine had long given up. Ending it frees them and its heap;
 * the next large transfer starts a new one (~30 ms).
 */
export class IdleRetirement {
  private timer: NodeJS.Timeout | null = null;
  retired = false;

  constructor(private readonly worker: Worker) {}

  /** The thread has work: it stays. */
  busy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** The thread has nothing in hand: it ends unless given work within the idle time. */
  idle(): void {
    if (this.retired || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.retired = true;
      void this.worker.terminate();
    }, limits.helperThreadIdleMs);
    this.timer.unref();
  }
}
