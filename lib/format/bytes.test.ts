import { describe, expect, it } from "vitest";
import { formatBytes, formatCount, splitBytes, toBytes, usageRatio } from "./bytes";
import { dateInputToRfc3339, formatExpiry } from "./dates";

describe("bytes", () => {
  it("formats with SI units", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(1500)).toBe("1.50 kB");
    expect(formatBytes(20_000_000)).toBe("20.0 MB");
    expect(formatBytes(123_000_000_000)).toBe("123 GB");
  });

  it("formats counts with thousands separators, as toLocaleString does", () => {
    expect(formatCount(0)).toBe("0");
    expect(formatCount(999)).toBe("999");
    expect(formatCount(1000)).toBe("1,000");
    expect(formatCount(1_234_567)).toBe("1,234,567");
    for (const count of [7, 12_345, 9_007_199_254_740_991, 1.5, -42_000])
      expect(formatCount(count)).toBe(count.toLocaleString("en-US"));
  });

  it("converts units both ways", () => {
    expect(toBytes(1.5, "GB")).toBe(1_500_000_000);
    expect(toBytes(1, "MiB")).toBe(1_048_576);
    expect(splitBytes(5_000_000_000)).toEqual({ amount: 5, unit: "GB" });
    expect(splitBytes(1234)).toEqual({ amount: 1234, unit: "B" });
  });

  it("gives a usage ratio only under a limit", () => {
    expect(usageRatio(50, 100)).toBe(0.5);
    expect(usageRatio(500, 100)).toBe(1);
    expect(usageRatio(5, null)).toBeNull();
  });
});

describe("dates", () => {
  it("turns a date input into an end-of-day instant", () => {
    expect(dateInputToRfc3339("2030-01-31")).toBe("2030-01-31T23:59:59.000Z");
    expect(dateInputToRfc3339("nope")).toBeNull();
  });

  it("describes expiry", () => {
    expect(formatExpiry(null, false)).toBe("never");
    expect(formatExpiry("2020-01-01T00:00:00Z", true)).toBe("2020-01-01 00:00 UTC (expired)");
  });
});
