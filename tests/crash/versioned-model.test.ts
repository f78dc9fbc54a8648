import { describe, expect, it } from "vitest";
import { type VersionEntry, VersionedKeyHistory } from "./versioned-model";

/** The versioned judge on hand-made histories: each verdict, and what an interrupted operation may leave. */

const version = (id: string, sha256: string): VersionEntry => ({ id, marker: false, sha256 });
const marker = (id: string): VersionEntry => ({ id, marker: true, sha256: null });

function twoVersionsAndAMarker(): VersionedKeyHistory {
  const history = new VersionedKeyHistory();
  history.begin({ kind: "put", sha256: "a", acknowledged: true, id: "v1" });
  history.begin({ kind: "put", sha256: "b", acknowledged: true, id: "v2" });
  history.begin({ kind: "delete", acknowledged: true, id: "m1" });
  return history;
}

describe("versioned crash model", () => {
  it("every acknowledged version and delete marker must be listed, newest first", () => {
    const history = twoVersionsAndAMarker();
    expect(history.classify([marker("m1"), version("v2", "b"), version("v1", "a")])).toBe("ok");
    expect(history.classify([version("v2", "b"), version("v1", "a")])).toBe("lost");
    expect(history.classify([marker("m1"), version("v2", "b")])).toBe("lost");
    expect(history.classify([marker("m1"), version("v2", "x"), version("v1", "a")])).toBe("torn");
  });

  it("an interrupted write may add one entry with an id the client never learnt", () => {
    const history = twoVersionsAndAMarker();
    history.begin({ kind: "put", sha256: "c", acknowledged: false, id: null });
    const before = [marker("m1"), version("v2", "b"), version("v1", "a")];
    expect(history.classify(before)).toBe("ok");
    expect(history.classify([version("new", "c"), ...before])).toBe("ok");
    expect(history.classify([version("new", "d"), ...before])).toBe("torn");
    expect(history.classify([marker("new"), ...before])).toBe("torn");
  });

  it("a version deleted by id stays deleted; an interrupted deletion may or may not have happened", () => {
    const history = twoVersionsAndAMarker();
    history.begin({ kind: "deleteVersion", target: "v1", acknowledged: true });
    history.begin({ kind: "deleteVersion", target: "m1", acknowledged: false });
    expect(history.classify([marker("m1"), version("v2", "b")])).toBe("ok");
    expect(history.classify([version("v2", "b")])).toBe("ok");
    history.settle([version("v2", "b")]);
    expect(history.classify([version("v2", "b"), version("v1", "a")])).toBe("resurrected");
    expect(history.classify([marker("m1"), version("v2", "b")])).toBe("resurrected");
  });
});
