import "server-only";

/**
 * Failed sign-ins per (user name, client address). next-auth's Credentials provider has
 * no built-in limit, so a guessed password would otherwise cost only one request.
 * Kept in memory on globalThis: Next evaluates this module once per bundle, and the
 * limit must be shared by all of them. A restart clears it, which is acceptable for
 * a single-process console.
 */
export const signInMaxFailures = 5;
export const signInWindowMs = 15 * 60 * 1000;
const maxTrackedEntries = 10_000;

interface FailureWindow {
  failures: number;
  windowStartMs: number;
}

const globalForLimits = globalThis as typeof globalThis & { carportSignInFailures?: Map<string, FailureWindow> };

function failures(): Map<string, FailureWindow> {
  globalForLimits.carportSignInFailures ??= new Map();
  return globalForLimits.carportSignInFailures;
}

function keyFor(userName: string, clientAddress: string): string {
  return `${userName.toLowerCase()}\u0000${clientAddress}`;
}

export function isSignInBlocked(userName: string, clientAddress: string, nowMs: number = Date.now()): boolean {
  const entry = failures().get(keyFor(userName, clientAddress));
  if (!entry) return false;
  if (nowMs - entry.windowStartMs >= signInWindowMs) return false;
  return entry.failures >= signInMaxFailures;
}

export function recordSignInFailure(userName: string, clientAddress: string, nowMs: number = Date.now()): void {
  const map = failures();
  const key = keyFor(userName, clientAddress);
  const entry = map.get(key);
  if (!entry || nowMs - entry.windowStartMs >= signInWindowMs) {
    if (map.size >= maxTrackedEntries) pruneExpired(map, nowMs);
    map.set(key, { failures: 1, windowStartMs: nowMs });
    return;
  }
  entry.failures += 1;
}

export function clearSignInFailures(userName: string, clientAddress: string): void {
  failures().delete(keyFor(userName, clientAddress));
}

function pruneExpired(map: Map<string, FailureWindow>, nowMs: number): void {
  for (const [key, entry] of map) {
    if (nowMs - entry.windowStartMs >= signInWindowMs) map.delete(key);
  }
  // Still full of live entries (a flood of distinct names): drop the oldest, bounded memory wins.
  if (map.size >= maxTrackedEntries) {
    const oldestKey = map.keys().next().value;
    if (oldestKey !== undefined) map.delete(oldestKey);
  }
}
