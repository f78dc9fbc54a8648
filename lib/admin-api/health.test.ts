import { describe, expect, it } from "vitest";
import { AdminApiError, humanMessage } from "@/lib/admin-api/errors";
import { displayedState, type HealthSummary } from "@/lib/admin-api/health";
import { parseClusterHealth } from "@/lib/admin-api/health-api";

const base = {
  status: "healthy",
  knownNodes: 1,
  connectedNodes: 1,
  storageNodes: 1,
  partitions: 256,
  partitionsQuorum: 256,
  partitionsAllOk: 256,
};

describe("cluster health", () => {
  it("reads both storageNodesUp (v2) and storageNodesOk (v1)", () => {
    expect(parseClusterHealth({ ...base, storageNodesUp: 1 }).storageNodesUp).toBe(1);
    expect(parseClusterHealth({ ...base, storageNodesOk: 1 }).storageNodesUp).toBe(1);
    expect(() => parseClusterHealth(base)).toThrow();
  });

  it("shows an unreadable cluster as unavailable", () => {
    const summary: HealthSummary = {
      connectionId: "local",
      checkedAtMs: 0,
      endpointOk: false,
      cluster: null,
      error: { code: "Unreachable", message: "x" },
    };
    expect(displayedState(summary)).toBe("unavailable");
  });
});

describe("admin API errors", () => {
  it("keeps Garage's code and message with the status", () => {
    const error = AdminApiError.fromResponse(404, {
      code: "NoSuchBucket",
      message: "Bucket not found: x",
      region: "garage",
      path: "/v2/GetBucketInfo",
    });
    expect([error.status, error.code, error.message]).toEqual([404, "NoSuchBucket", "Bucket not found: x"]);
    expect(humanMessage(error)).toBe("That bucket does not exist.");
  });

  it("names bodies that are not Garage's JSON by their status", () => {
    expect(AdminApiError.fromResponse(401, "").code).toBe("Unauthorized");
    expect(humanMessage({ code: "SomethingNew", message: "raw text" })).toBe("raw text");
  });
});
