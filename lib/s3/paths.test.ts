import { describe, expect, it } from "vitest";
import {
  baseName,
  breadcrumbs,
  consoleLocalAlias,
  contentDisposition,
  displayName,
  isValidKey,
  normalisePrefix,
  parentPrefix,
  previewKind,
  targetKey,
} from "./paths";

describe("folder paths", () => {
  it("builds breadcrumbs from the bucket down to the prefix", () => {
    expect(breadcrumbs("photos", "")).toEqual([{ label: "photos", prefix: "" }]);
    expect(breadcrumbs("photos", "2024/june/")).toEqual([
      { label: "photos", prefix: "" },
      { label: "2024", prefix: "2024/" },
      { label: "june", prefix: "2024/june/" },
    ]);
    expect(breadcrumbs("b", "a//")).toEqual([
      { label: "b", prefix: "" },
      { label: "a", prefix: "a/" },
      { label: "(empty)", prefix: "a//" },
    ]);
  });

  it("names entries relative to their folder", () => {
    expect(displayName("a/b/c.txt", "a/b/")).toBe("c.txt");
    expect(displayName("a/b/", "a/")).toBe("b/");
    expect(displayName("a//", "a/")).toBe("(empty)");
    expect(displayName("other", "a/")).toBe("other");
  });

  it("normalises prefixes and finds parents", () => {
    expect(normalisePrefix(undefined)).toBe("");
    expect(normalisePrefix("a")).toBe("a/");
    expect(normalisePrefix("a/")).toBe("a/");
    expect(parentPrefix("a/b/")).toBe("a/");
    expect(parentPrefix("a/")).toBe("");
  });

  it("checks keys by their UTF-8 length", () => {
    expect(isValidKey("")).toBe(false);
    expect(isValidKey("é".repeat(512))).toBe(true);
    expect(isValidKey("é".repeat(513))).toBe(false);
  });

  it("keeps file names and places copies in the target folder", () => {
    expect(baseName("a/b/report.pdf")).toBe("report.pdf");
    expect(baseName("a/b/")).toBe("b");
    expect(targetKey("a/b/report.pdf", "archive")).toBe("archive/report.pdf");
    expect(targetKey("a/b/report.pdf", "")).toBe("report.pdf");
  });
});

describe("content disposition", () => {
  it("quotes an ASCII fallback and encodes UTF-8 names per RFC 5987", () => {
    expect(contentDisposition("attachment", "a b.txt")).toBe(
      `attachment; filename="a b.txt"; filename*=UTF-8''a%20b.txt`,
    );
    const header = contentDisposition("attachment", 'ré"sumé\n(1).txt');
    expect(header).toBe(`attachment; filename="r__sum__(1).txt"; filename*=UTF-8''r%C3%A9%22sum%C3%A9%0A%281%29.txt`);
    expect(header).not.toMatch(/[\r\n]/);
  });
});

describe("console aliases and previews", () => {
  it("gives unaliased buckets a valid local alias for the console key", () => {
    const alias = consoleLocalAlias("0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef");
    expect(alias).toBe("console-0123456789abcdef01234567");
    expect(alias).toMatch(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/);
  });

  it("previews text and images, not SVG or binaries", () => {
    expect(previewKind("text/plain", "x")).toBe("text");
    expect(previewKind("application/json", "x")).toBe("text");
    expect(previewKind("image/png", "x")).toBe("image");
    expect(previewKind("image/svg+xml", "x.svg")).toBeNull();
    expect(previewKind("application/octet-stream", "notes.md")).toBe("text");
    expect(previewKind("application/octet-stream", "blob.bin")).toBeNull();
  });
});
