/**
 * What ListWorkers shows of a background worker besides its own progress:
 * its state and its errors (Garage's WorkerInfo fields).
 */
export type WorkerState = "busy" | "idle" | "done";

export class WorkerStats {
  state: WorkerState = "idle";
  errors = 0;
  consecutiveErrors = 0;
  lastError: { message: string; atMs: number } | null = null;

  succeed(): void {
    this.consecutiveErrors = 0;
  }

  fail(error: unknown): void {
    this.errors += 1;
    this.consecutiveErrors += 1;
    this.lastError = { message: error instanceof Error ? error.message : String(error), atMs: Date.now() };
  }
}
