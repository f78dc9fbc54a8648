import { describe, expect, it } from "vitest";
import { parseLenientJson } from "./lenient-json";

describe("v0 bodies: JSON with trailing commas", () => {
  it("parses the seed's bodies as written", () => {
    expect(parseLenientJson('{\n"name": "NameOfMyKey",\n"allow": {\n"createBucket": true,\n},\n"deny": {}\n}')).toEqual(
      { name: "NameOfMyKey", allow: { createBucket: true }, deny: {} },
    );
    expect(parseLenientJson('{"quotas": {"maxSize": 19029801, "maxObjects": null,\n}\n}')).toEqual({
      quotas: { maxSize: 19029801, maxObjects: null },
    });
    expect(parseLenientJson('["a", "b",\n]')).toEqual(["a", "b"]);
  });

  it("leaves commas and escapes inside strings alone", () => {
    expect(parseLenientJson('{"a": "x,}", "b": "q\\",]"}')).toEqual({ a: "x,}", b: 'q",]' });
  });

  it("still refuses what is not JSON", () => {
    expect(() => parseLenientJson("{,}")).toThrow();
    expect(() => parseLenientJson("{a: 1}")).toThrow();
    expect(() => parseLenientJson("[1,,]")).toThrow();
  });
});
