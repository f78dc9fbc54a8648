import "server-only";

/**
 * Failed passwords, counted per user name and per client address separately, on the
 * sign-in form and on HTTP Basic authentication alike: after `signInMaxFailures` failures
 * within a window, every further attempt for that name or from that address is refused
 * (whatever the password) until the window passes. next-auth's Credentials provider has
 * no limit of its own. Kept in memory on globalThis (one process, every bundle shares
 * it); a restart clears it, acceptable for a single-process console.
 */
export const signInMaxFailures = 10;
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

const nameKey = (userName: string) => `name\u0000${userName.normalize("NFKC").toLowerCase()}`;
const addressKey = (clientAddress: string) => `address\u0000${clientAddress}`;

function isKeyBlocked(key: string, nowMs: number): boolean {
  const entry = failures().get(key);
  if (!entry || nowMs - entry.windowStartMs >= signInWindowMs) return false;
  return entry.failures >= signInMaxFailures;
}

export function isSignInBlocked(userName: string, clientAddress: string, nowMs: number = Date.now()): boolean {
  return isKeyBlocked(nameKey(userName), nowMs) || isKeyBlocked(addressKey(clientAddress), nowMs);
}

function recordKeyFailure(map: Map<string, FailureWindow>, key: string, nowMs: number): void {
  const entry = map.get(key);
  if (!entry || nowMs - entry.windowStartMs >= signInWindowMs) {
    if (map.size >= maxTrackedEntries) pruneExpired(map, nowMs);
    map.set(key, { failures: 1, windowStartMs: nowMs });
    return;
  }
  entry.failures += 1;
}

export function recordSignInFailure(userName: string, clientAddress: string, nowMs: number = Date.now()): void {
  const map = failures();
  recordKeyFailure(map, nameKey(userName), nowMs);
  recordKeyFailure(map, addressKey(clientAddress), nowMs);
}

/**
 * After a right password: the name's count starts again. The address's count stays, so
 * signing in to one's own account between guesses at others' does not reset it.
 */
export function clearSignInFailures(userName: string): void {
  failures().delete(nameKey(userName));
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
