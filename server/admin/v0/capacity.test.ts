import { describe, expect, it } from "vitest";
import { bytesToV0Capacity, maxV0Capacity, v0CapacityToBytes } from "./capacity";

describe("v0 capacity ↔ bytes (1 capacity = 1 GB, as Garage's 0.9 migration)", () => {
  it("maps weights to whole GB and back", () => {
    expect(v0CapacityToBytes(4)).toBe(4_000_000_000);
    expect(bytesToV0Capacity(4_000_000_000)).toBe(4);
    for (const weight of [1, 5, 10, 1000, maxV0Capacity])
      expect(bytesToV0Capacity(v0CapacityToBytes(weight))).toBe(weight);
  });

  it("keeps gateways (null) as null", () => {
    expect(v0CapacityToBytes(null)).toBeNull();
    expect(bytesToV0Capacity(null)).toBeNull();
    expect(bytesToV0Capacity(undefined)).toBeNull();
  });

  it("rounds byte capacities to the nearest GB, never below 1", () => {
    expect(bytesToV0Capacity(270_553_174_016)).toBe(271);
    expect(bytesToV0Capacity(1_499_999_999)).toBe(1);
    expect(bytesToV0Capacity(1_500_000_000)).toBe(2);
    expect(bytesToV0Capacity(1)).toBe(1);
  });

  it("refuses weights that are not whole, not positive or not exactly representable in bytes", () => {
    for (const weight of [0, -1, 1.5, maxV0Capacity + 1])
      expect(() => v0CapacityToBytes(weight)).toThrow(/Invalid capacity/);
    expect(Number.isSafeInteger(v0CapacityToBytes(maxV0Capacity))).toBe(true);
  });
});
