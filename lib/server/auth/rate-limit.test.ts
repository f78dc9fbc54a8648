import { describe, expect, it } from "vitest";
import {
  clearSignInFailures,
  isSignInBlocked,
  recordSignInFailure,
  signInMaxFailures,
  signInWindowMs,
} from "@/lib/server/auth/rate-limit";

describe("sign-in rate limit", () => {
  it("blocks a user name after the maximum failures from any address, for one window", () => {
    const startMs = 1_000_000;
    for (let attempt = 0; attempt < signInMaxFailures; attempt += 1) {
      expect(isSignInBlocked("admin", `10.0.0.${attempt}`, startMs)).toBe(false);
      recordSignInFailure("admin", `10.0.0.${attempt}`, startMs);
    }
    expect(signInMaxFailures).toBe(10);
    expect(isSignInBlocked("admin", "10.9.9.9", startMs)).toBe(true);
    expect(isSignInBlocked("ADMIN", "10.9.9.9", startMs)).toBe(true);
    expect(isSignInBlocked("someone-else", "10.9.9.9", startMs)).toBe(false);
    expect(isSignInBlocked("admin", "10.9.9.9", startMs + signInWindowMs)).toBe(false);
  });

  it("blocks a client address after the maximum failures for any names", () => {
    const startMs = 5_000_000;
    for (let attempt = 0; attempt < signInMaxFailures; attempt += 1)
      recordSignInFailure(`guess-${attempt}`, "10.1.1.1", startMs);
    expect(isSignInBlocked("never-tried", "10.1.1.1", startMs)).toBe(true);
    expect(isSignInBlocked("never-tried", "10.1.1.2", startMs)).toBe(false);
  });

  it("forgets a name's failures after a right password, not the address's", () => {
    const startMs = 9_000_000;
    for (let attempt = 0; attempt < signInMaxFailures; attempt += 1) recordSignInFailure("ops", "10.2.2.2", startMs);
    clearSignInFailures("ops");
    expect(isSignInBlocked("ops", "10.2.2.3", startMs)).toBe(false);
    expect(isSignInBlocked("ops", "10.2.2.2", startMs)).toBe(true);
  });
});
