import { describe, expect, it } from "vitest";
import { lowestGarageVersion, missingFeatureMessage, supports } from "./version";

describe("cluster versions and features", () => {
  it("offers everything on v2 and says what v1 lacks", () => {
    const v2 = { apiVersion: "v2", garageVersion: "v2.3.0" } as const;
    const v1 = { apiVersion: "v1", garageVersion: "v1.2.0" } as const;
    expect(supports(v2, "adminTokens")).toBe(true);
    expect(supports(v1, "adminTokens")).toBe(false);
    expect(supports(v1, "health")).toBe(true);
    expect(missingFeatureMessage(v1, "adminTokens")).toBe("Admin tokens need Garage v2 (this cluster runs v1.2.0).");
  });

  it("gates by the Garage release inside v2", () => {
    expect(supports({ apiVersion: "v2", garageVersion: "v2.0.1" }, "currentTokenInfo")).toBe(false);
    expect(supports({ apiVersion: "v2", garageVersion: "v2.1.0" }, "currentTokenInfo")).toBe(true);
    expect(supports({ apiVersion: "v2", garageVersion: null }, "currentTokenInfo")).toBe(true);
  });

  it("takes the oldest node's version", () => {
    expect(lowestGarageVersion(["v2.3.0", "v2.1.1", null, "garbage"])).toBe("v2.1.1");
    expect(lowestGarageVersion([null])).toBeNull();
  });
});
