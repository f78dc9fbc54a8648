import { describe, expect, it } from "vitest";
import {
  clearSignInFailures,
  isSignInBlocked,
  recordSignInFailure,
  signInMaxFailures,
  signInWindowMs,
} from "./rate-limit";

describe("sign-in rate limit", () => {
  it("blocks a name and address after the maximum failures, for one window", () => {
    const startMs = 1_000_000;
    for (let attempt = 0; attempt < signInMaxFailures; attempt += 1) {
      expect(isSignInBlocked("admin", "10.0.0.1", startMs)).toBe(false);
      recordSignInFailure("admin", "10.0.0.1", startMs);
    }
    expect(isSignInBlocked("admin", "10.0.0.1", startMs)).toBe(true);
    expect(isSignInBlocked("ADMIN", "10.0.0.1", startMs)).toBe(true);
    expect(isSignInBlocked("admin", "10.0.0.2", startMs)).toBe(false);
    expect(isSignInBlocked("admin", "10.0.0.1", startMs + signInWindowMs)).toBe(false);
  });

  it("forgets failures after a success", () => {
    recordSignInFailure("ops", "10.0.0.3");
    clearSignInFailures("ops", "10.0.0.3");
    expect(isSignInBlocked("ops", "10.0.0.3")).toBe(false);
  });
});
