import { describe, expect, it } from "vitest";
import { adminEndpointNames } from "./endpoint-names";
import { groupEndpoints, presetScope } from "./endpoint-groups";

describe("admin endpoint groups", () => {
  it("puts every endpoint in exactly one group, none left under Other", () => {
    const groups = groupEndpoints(adminEndpointNames);
    const placed = groups.flatMap((group) => group.endpoints);
    expect(placed.sort()).toEqual([...adminEndpointNames].sort());
    expect(groups.map((group) => group.title)).not.toContain("Other");
    const buckets = groups.find((group) => group.title === "Buckets")?.endpoints ?? [];
    expect(buckets).toEqual(expect.arrayContaining(["CreateBucket", "AllowBucketKey", "InspectObject"]));
    const keys = groups.find((group) => group.title === "Access keys")?.endpoints ?? [];
    expect(keys).toEqual(expect.arrayContaining(["CreateKey", "ImportKey", "ListKeys", "GetKeyInfo", "UpdateKey"]));
    expect(keys).not.toContain("AllowBucketKey");
  });

  it("gives the presets' scopes", () => {
    expect(presetScope("everything", adminEndpointNames)).toEqual(["*"]);
    const readOnly = presetScope("read-only", adminEndpointNames);
    expect(readOnly).toContain("ListBuckets");
    expect(readOnly).toContain("GetClusterHealth");
    expect(readOnly.some((name) => /^(Create|Delete|Update|Apply|Allow)/.test(name))).toBe(false);
    const bucketsAndKeys = presetScope("buckets-and-keys", adminEndpointNames);
    expect(bucketsAndKeys).toEqual(expect.arrayContaining(["CreateBucket", "DeleteKey", "AllowBucketKey"]));
    expect(bucketsAndKeys).not.toContain("ApplyClusterLayout");
    expect(bucketsAndKeys).not.toContain("CreateAdminToken");
  });
});
