import "server-only";

/**
 * One change at a time per tenant: a limit check and the write it allows must not
 * interleave with another request's (two creations each seeing one bucket left). The
 * console is one process; the chain lives on globalThis so every bundle shares it.
 */
const globalForLocks = globalThis as typeof globalThis & { carportTenantLocks?: Map<string, Promise<unknown>> };
const chains = (globalForLocks.carportTenantLocks ??= new Map());

export async function withTenantLock<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
  const previous = chains.get(tenantId) ?? Promise.resolve();
  const run = previous.then(work, work);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  chains.set(tenantId, settled);
  try {
    return await run;
  } finally {
    if (chains.get(tenantId) === settled) chains.delete(tenantId);
  }
}
