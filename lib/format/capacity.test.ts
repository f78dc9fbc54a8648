import { describe, expect, it } from "vitest";
import { formatPercent, parseSize } from "./capacity";

describe("capacity input", () => {
  it("parses what an admin types, SI by default", () => {
    expect(parseSize("500G")).toBe(500e9);
    expect(parseSize("1.5 TB")).toBe(1.5e12);
    expect(parseSize("2TiB")).toBe(2 * 2 ** 40);
    expect(parseSize("1000")).toBe(1000);
    expect(parseSize("10 parsecs")).toBeNull();
    expect(parseSize("")).toBeNull();
  });

  it("formats shares", () => {
    expect(formatPercent(1, 4)).toBe("25.0%");
    expect(formatPercent(1, 0)).toBe("—");
  });
});
