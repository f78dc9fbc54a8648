import { describe, expect, it } from "vitest";
import { formatBytes } from "./bytes";

describe("formatBytes", () => {
  it("writes SI units with at most three significant digits and no trailing zeros", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(500_000)).toBe("500 kB");
    expect(formatBytes(1_500_000)).toBe("1.5 MB");
    expect(formatBytes(1_234_567)).toBe("1.23 MB");
    expect(formatBytes(10 * 1024 * 1024)).toBe("10.5 MB");
    expect(formatBytes(2e15)).toBe("2 PB");
  });
});
