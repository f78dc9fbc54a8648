import "server-only";
import { isUserActive } from "@/lib/server/auth/active";
import { clearSignInFailures, isSignInBlocked, recordSignInFailure } from "@/lib/server/auth/rate-limit";
import { getConsoleStore, type ConsoleUser } from "@/lib/server/auth/store";

/**
 * One password check for the sign-in form and HTTP Basic authentication alike: throttled
 * per user name and per client address, with one answer for an unknown name and a wrong
 * password. `disabled` is only told to someone who gave the right password.
 */
export type PasswordCheck = { ok: true; user: ConsoleUser } | { ok: false; reason: "wrong" | "throttled" | "disabled" };

export async function checkPassword(name: string, password: string, clientAddress: string): Promise<PasswordCheck> {
  if (isSignInBlocked(name, clientAddress)) return { ok: false, reason: "throttled" };
  const store = await getConsoleStore();
  const user = await store.verifyCredentials(name, password);
  if (!user) {
    recordSignInFailure(name, clientAddress);
    return { ok: false, reason: "wrong" };
  }
  clearSignInFailures(name);
  return isUserActive(store, user) ? { ok: true, user } : { ok: false, reason: "disabled" };
}
