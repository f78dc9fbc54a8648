import { describe, expect, it } from "vitest";
import { v0BucketInfo, v0Health, v0Layout, v0LayoutUpdateBody, v0Status, v2LayoutUpdateFromV0 } from "./translate";
import { bucket, layout, self, status } from "../v1/testing/v2-samples";

describe("v2 → v0 shapes", () => {
  it("layout: roles and staged changes keyed by node id, capacities as weights, removals as null", () => {
    expect(v0Layout(layout)).toEqual({
      version: 3,
      roles: { aa: { zone: "dc1", capacity: 4, tags: ["node1"] }, bb: { zone: "dc2", capacity: null, tags: [] } },
      stagedRoleChanges: { cc: { zone: "dc2", capacity: 5, tags: ["node4"] }, bb: null },
    });
  });

  it("status: knownNodes map in snake_case, and the layout", () => {
    const body = v0Status({ self, status, layout });
    expect(body).toMatchObject({ node: "aa", garageVersion: "v2.3.0", garage_version: "v2.3.0", dbEngine: "SQLite3" });
    expect(body.knownNodes).toEqual({
      aa: { addr: "10.0.0.11:3901", is_up: true, last_seen_secs_ago: null, hostname: "node1" },
      cc: { addr: "", is_up: false, last_seen_secs_ago: 9, hostname: "" },
    });
    expect(body.layout).toEqual(v0Layout(layout));
  });

  it("health: snake_case, capitalised status", () => {
    const health = {
      status: "degraded",
      knownNodes: 3,
      connectedNodes: 2,
      storageNodes: 3,
      storageNodesUp: 2,
      partitions: 256,
      partitionsQuorum: 256,
      partitionsAllOk: 0,
    };
    expect(v0Health(health)).toEqual({
      status: "Degraded",
      known_nodes: 3,
      connected_nodes: 2,
      storage_nodes: 3,
      storage_nodes_ok: 2,
      partitions: 256,
      partitions_quorum: 256,
      partitions_all_ok: 0,
    });
  });

  it("bucket info: no multipart counters, no created", () => {
    const body = v0BucketInfo(bucket);
    expect(Object.keys(body).sort()).toEqual([
      "bytes",
      "globalAliases",
      "id",
      "keys",
      "objects",
      "quotas",
      "unfinishedUploads",
      "websiteAccess",
      "websiteConfig",
    ]);
  });
});

describe("v0 → v2 UpdateClusterLayout", () => {
  it("turns the map into v2 role changes, weights into bytes, null into removal", () => {
    const body = v0LayoutUpdateBody.parse({
      aa: { zone: "geneva", capacity: 4, tags: ["gateway"] },
      bb: null,
      cc: { zone: "dc1", capacity: null, tags: [] },
    });
    expect(v2LayoutUpdateFromV0(body)).toEqual({
      roles: [
        { id: "aa", zone: "geneva", capacity: 4_000_000_000, tags: ["gateway"] },
        { id: "bb", remove: true },
        { id: "cc", zone: "dc1", capacity: null, tags: [] },
      ],
    });
  });

  it("needs all three fields of a role, as Garage 0.8 did", () => {
    expect(v0LayoutUpdateBody.safeParse({ aa: { zone: "dc1", capacity: 1 } }).success).toBe(false);
  });
});
