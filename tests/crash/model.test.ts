import { describe, expect, it } from "vitest";
import { absent, KeyHistory, type Operation } from "./model";

/** The crash test is only as good as its judge: each verdict, on a hand-made history. */

const put = (sha256: string, acknowledged: boolean): Operation => ({ kind: "put", sha256, acknowledged });
const del = (acknowledged: boolean): Operation => ({ kind: "delete", sha256: null, acknowledged });
const body = (sha256: string) => ({ kind: "body" as const, sha256 });

describe("crash model", () => {
  it("an acknowledged PUT must be visible; an older body or absence is a loss", () => {
    const history = new KeyHistory();
    history.begin(put("a", true));
    history.begin(put("b", true));
    expect(history.classify(body("b"))).toBe("ok");
    expect(history.classify(body("a"))).toBe("lost");
    expect(history.classify(absent)).toBe("lost");
  });

  it("an interrupted operation after the last acknowledgement may or may not have happened", () => {
    const history = new KeyHistory();
    history.begin(put("a", true));
    history.begin(del(false));
    expect(history.classify(body("a"))).toBe("ok");
    expect(history.classify(absent)).toBe("ok");
    expect(history.interruptedApplied(absent)).toBe(true);
    expect(history.interruptedApplied(body("a"))).toBe(false);
  });

  it("bytes never sent for the key are torn", () => {
    const history = new KeyHistory();
    history.begin(put("a", false));
    expect(history.classify(body("zzz"))).toBe("torn");
  });

  it("a body back after an acknowledged DELETE is resurrected, also across rounds", () => {
    const history = new KeyHistory();
    history.begin(put("a", true));
    history.begin(del(true));
    expect(history.classify(body("a"))).toBe("resurrected");
    history.settle(absent);
    expect(history.classify(body("a"))).toBe("resurrected");
    expect(history.classify(absent)).toBe("ok");
  });

  it("the verified state carries over: a round with no acknowledgement keeps it", () => {
    const history = new KeyHistory();
    history.begin(put("a", true));
    history.settle(body("a"));
    history.begin(put("b", false));
    expect(history.classify(body("a"))).toBe("ok");
    expect(history.classify(body("b"))).toBe("ok");
    expect(history.classify(absent)).toBe("lost");
  });
});
