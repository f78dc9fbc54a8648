import fsp from "node:fs/promises";

/**
 * Batches directory fsyncs. A rename is durable only once its directory is
 * fsynced; many concurrent writes into one directory can share one fsync, as
 * long as that fsync starts after their rename. So each directory has at most one
 * fsync running and one queued; callers arriving while one runs join the queued one.
 */
export class DirectorySyncer {
  private readonly running = new Map<string, Promise<void>>();
  private readonly queued = new Map<string, Promise<void>>();

  constructor(private readonly enabled: boolean) {}

  sync(directory: string): Promise<void> {
    if (!this.enabled) return Promise.resolve();
    const queued = this.queued.get(directory);
    if (queued) return queued;
    const running = this.running.get(directory);
    if (!running) return this.start(directory);
    const next = running
      .catch(() => undefined)
      .then(() => {
        this.queued.delete(directory);
        return this.start(directory);
      });
    this.queued.set(directory, next);
    return next;
  }

  private start(directory: string): Promise<void> {
    const promise = fsyncDirectory(directory).finally(() => {
      if (this.running.get(directory) === promise) this.running.delete(directory);
    });
    this.running.set(directory, promise);
    return promise;
  }
}

async function fsyncDirectory(directory: string): Promise<void> {
  const handle = await fsp.open(directory, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
