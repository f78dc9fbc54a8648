import { describe, expect, it } from "vitest";
import { registerViolations, setViolations } from "./checkers";

/** The checkers on hand-made histories: each anomaly they must catch, and what they must allow. */

describe("register checker", () => {
  const w = (value: string, startMs: number, endMs: number | null) => ({ key: "k", value, startMs, endMs });
  const r = (value: string | null, startMs: number, endMs: number) => ({ key: "k", value, startMs, endMs });

  it("allows the last completed write, and writes overlapping the read", () => {
    const writes = [w("a", 0, 10), w("b", 20, 30), w("c", 35, 50)];
    expect(registerViolations(writes, [r("b", 31, 34), r("b", 40, 45), r("c", 40, 45), r("c", 51, 60)])).toEqual([]);
  });

  it("catches a stale read and a lost write", () => {
    const writes = [w("a", 0, 10), w("b", 20, 30)];
    expect(registerViolations(writes, [r("a", 31, 40)])).toHaveLength(1);
    expect(registerViolations(writes, [r(null, 31, 40)])).toHaveLength(1);
  });

  it("lets an unacknowledged write appear or not, forever after it began", () => {
    const writes = [w("a", 0, 10), w("x", 20, null)];
    expect(registerViolations(writes, [r("a", 100, 110), r("x", 100, 110)])).toEqual([]);
    expect(registerViolations(writes, [r("x", 5, 15)])).toHaveLength(1);
  });

  it("catches a value never written", () => {
    expect(registerViolations([w("a", 0, 10)], [r("zzz", 20, 30)])).toHaveLength(1);
  });
});

describe("set checker", () => {
  it("catches a missing acknowledged add and a phantom, allows unacknowledged ones either way", () => {
    const adds = [
      { element: "1", startMs: 0, endMs: 10 },
      { element: "2", startMs: 5, endMs: null },
      { element: "3", startMs: 30, endMs: 40 },
    ];
    expect(setViolations(adds, [{ elements: new Set(["1"]), startMs: 20, endMs: 25 }])).toEqual([]);
    expect(setViolations(adds, [{ elements: new Set(["1", "2"]), startMs: 20, endMs: 25 }])).toEqual([]);
    expect(setViolations(adds, [{ elements: new Set(["1"]), startMs: 50, endMs: 55 }])).toHaveLength(1);
    expect(setViolations(adds, [{ elements: new Set(["1", "9"]), startMs: 20, endMs: 25 }])).toHaveLength(1);
  });
});
