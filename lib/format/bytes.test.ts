import { describe, expect, it } from "vitest";
import { formatBytes, parseSize } from "./bytes";

describe("sizes", () => {
  it("formats in SI units like Garage", () => {
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(1_000_000_000)).toBe("1.0 GB");
    expect(formatBytes(753_900_000)).toBe("753.9 MB");
    expect(formatBytes(null)).toBe("—");
  });

  it("parses what an admin types", () => {
    expect(parseSize("500G")).toBe(500e9);
    expect(parseSize("1.5 TB")).toBe(1.5e12);
    expect(parseSize("2TiB")).toBe(2 * 2 ** 40);
    expect(parseSize("1000")).toBe(1000);
    expect(parseSize("10 parsecs")).toBeNull();
    expect(parseSize("")).toBeNull();
  });
});
