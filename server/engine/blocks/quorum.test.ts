import { describe, expect, it } from "vitest";
import { awaitQuorum, quorums, QuorumError } from "./quorum";

describe("quorums (Garage's rules)", () => {
  it("needs rf + 1 - ceil(rf/2) copies to write and ceil(rf/2) to read in consistent mode", () => {
    expect([1, 2, 3, 4, 5].map((rf) => quorums(rf, "consistent"))).toEqual([
      { read: 1, write: 1 },
      { read: 1, write: 2 },
      { read: 2, write: 2 },
      { read: 2, write: 3 },
      { read: 3, write: 3 },
    ]);
  });

  it("reads from one copy in degraded mode, and also writes to one in dangerous mode", () => {
    expect(quorums(3, "degraded")).toEqual({ read: 1, write: 2 });
    expect(quorums(3, "dangerous")).toEqual({ read: 1, write: 1 });
    expect(quorums(2, "degraded")).toEqual({ read: 1, write: 2 });
  });
});

function outcomes(results: Record<string, boolean>): Map<string, Promise<void>> {
  return new Map(
    Object.entries(results).map(([id, ok]) => [id, ok ? Promise.resolve() : Promise.reject(new Error(`${id} failed`))]),
  );
}

describe("awaitQuorum", () => {
  it("resolves once every set holds its quorum", async () => {
    await expect(awaitQuorum([["a", "b", "c"]], outcomes({ a: true, b: false, c: true }), 2)).resolves.toBe(undefined);
  });

  it("rejects with the shortfall when a set cannot reach its quorum", async () => {
    const failed = awaitQuorum([["a", "b", "c"]], outcomes({ a: true, b: false, c: false }), 2);
    await expect(failed).rejects.toBeInstanceOf(QuorumError);
    await expect(failed).rejects.toMatchObject({ shortfall: { setIndex: 0, needed: 2 } });
  });

  it("needs the quorum in the old and the new placement while data moves", async () => {
    const sets = [
      ["a", "b", "d"],
      ["a", "b", "c"],
    ];
    await expect(awaitQuorum(sets, outcomes({ a: true, b: false, c: true, d: false }), 2)).rejects.toMatchObject({
      shortfall: { setIndex: 0 },
    });
    await expect(awaitQuorum(sets, outcomes({ a: true, b: true, c: false, d: false }), 2)).resolves.toBe(undefined);
  });

  it("does not wait for a slow copy once the quorum is reached", async () => {
    const never = new Promise<void>(() => undefined);
    const results = new Map([
      ["a", Promise.resolve()],
      ["b", Promise.resolve()],
      ["c", never],
    ]);
    await expect(awaitQuorum([["a", "b", "c"]], results, 2)).resolves.toBe(undefined);
  });
});
