/**
 * What ListWorkers shows of a background worker (Garage's WorkerInfo fields),
 * and the state and error counts each long-running worker keeps.
 */
export type WorkerState = "busy" | "idle" | "done";

export interface WorkerInfo {
  id: number;
  name: string;
  state: WorkerState;
  errors: number;
  consecutiveErrors: number;
  lastError: { message: string; atMs: number } | null;
  progress: string | null;
  queueLength: number | null;
  tranquility: number | null;
  freeform: string[];
}

/** A worker's description without its id (the worker service numbers them). */
export type WorkerReport = Omit<WorkerInfo, "id">;

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

  report(
    name: string,
    details: Pick<WorkerInfo, "progress" | "queueLength" | "tranquility" | "freeform">,
  ): WorkerReport {
    return {
      name,
      state: this.state,
      errors: this.errors,
      consecutiveErrors: this.consecutiveErrors,
      lastError: this.lastError,
      ...details,
    };
  }
}
