/** The canonical path and query: one spelling for every way a client may escape a key. */
import { describe, expect, it } from "vitest";
import { canonicalPath, canonicalQuery, parseRawQuery, uriEncode } from "./encoding";

describe("canonicalPath", () => {
  it.each([
    ["/bucket/a%20b", "/bucket/a%20b"],
    ["/bucket/a+b", "/bucket/a%2Bb"],
    ["/bucket/a%2bb", "/bucket/a%2Bb"],
    ["/bucket/%7e%41", "/bucket/~A"],
    ["/bucket/café", "/bucket/caf%C3%A9"],
    ["/bucket/😀", "/bucket/%F0%9F%98%80"],
    ["/bucket/a=b&c", "/bucket/a%3Db%26c"],
    ["/bucket//x//", "/bucket//x//"],
    ["/bucket/a%2Fb", "/bucket/a%2Fb"],
    ["/bucket/./../x", "/bucket/./../x"],
    ["/bucket/%FF%FE", "/bucket/%FF%FE"],
    ["", "/"],
  ])("%j → %j (no normalisation, no double encoding)", (raw, canonical) => {
    expect(canonicalPath(raw)).toBe(canonical);
  });

  it("refuses broken percent-escapes", () => {
    expect(() => canonicalPath("/bucket/100%")).toThrow(expect.objectContaining({ code: "InvalidURI" }));
    expect(() => canonicalPath("/bucket/%zz")).toThrow(expect.objectContaining({ code: "InvalidURI" }));
  });
});

describe("canonicalQuery", () => {
  it("sorts by encoded name, then value, and gives bare names an empty value", () => {
    const params = parseRawQuery("prefix=b&uploads&prefix=a&Zeta=1&a%20b=c");
    expect(canonicalQuery(params)).toBe("Zeta=1&a%20b=c&prefix=a&prefix=b&uploads=");
  });

  it("re-encodes values the RFC 3986 way; '+' in a query means a space, as S3 servers read it", () => {
    expect(canonicalQuery(parseRawQuery("p=a+b&q=a%2Bb&r=%2f~!*&s=%C3%A9"))).toBe(
      "p=a%20b&q=a%2Bb&r=%2F~%21%2A&s=%C3%A9",
    );
  });

  it("omits the named parameter (X-Amz-Signature for presigned URLs)", () => {
    expect(canonicalQuery(parseRawQuery("b=1&X-Amz-Signature=abc&a=2"), "X-Amz-Signature")).toBe("a=2&b=1");
  });

  it("parses decoded names and values for the S3 layer", () => {
    expect(
      parseRawQuery("prefix=photos%2F2024+%C3%A9t%C3%A9&&delimiter=%2F").map(({ name, value }) => [name, value]),
    ).toEqual([
      ["prefix", "photos/2024 été"],
      ["delimiter", "/"],
    ]);
  });
});

describe("uriEncode", () => {
  it("keeps only unreserved characters, and slashes when asked", () => {
    expect(uriEncode("AZaz09-._~ !'()*/é")).toBe("AZaz09-._~%20%21%27%28%29%2A%2F%C3%A9");
    expect(uriEncode("a/b c", true)).toBe("a/b%20c");
  });
});
