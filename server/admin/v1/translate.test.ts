import { describe, expect, it } from "vitest";
import { v1ApplyResult, v1Health, v1Layout, v1Status } from "./translate-cluster";
import { v1KeyInfo, v1KeyList } from "./translate-keys";
import { v1BucketInfo, v1BucketList } from "./translate-buckets";
import { bucket, key, layout, self, status } from "./testing/v2-samples";

describe("v2 → v1 cluster shapes", () => {
  it("layout: arrays, capacities in bytes unchanged, removals as {id, remove}", () => {
    expect(
      v1Layout({ ...layout, roles: [{ ...layout.roles[0], storedPartitions: 256 } as (typeof layout.roles)[0]] }),
    ).toEqual({
      version: 3,
      roles: [{ id: "aa", zone: "dc1", capacity: 4_000_000_000, tags: ["node1"] }],
      stagedRoleChanges: [
        { id: "cc", zone: "dc2", capacity: 5_000_000_000, tags: ["node4"] },
        { id: "bb", remove: true },
      ],
    });
  });

  it("status: 0.9 fields (knownNodes array, layout) and 1.x fields (layoutVersion, nodes)", () => {
    const body = v1Status({ self, status, layout });
    expect(body).toMatchObject({
      node: "aa",
      garageVersion: "v2.3.0",
      garageFeatures: ["sqlite"],
      rustVersion: "node v20",
      dbEngine: "SQLite3",
      layoutVersion: 3,
    });
    expect(body.knownNodes).toEqual([
      { id: "aa", addr: "10.0.0.11:3901", isUp: true, lastSeenSecsAgo: null, hostname: "node1" },
      { id: "cc", addr: "", isUp: false, lastSeenSecsAgo: 9, hostname: "" },
    ]);
    expect(body.nodes).toEqual([
      {
        id: "aa",
        addr: "10.0.0.11:3901",
        isUp: true,
        lastSeenSecsAgo: null,
        hostname: "node1",
        draining: false,
        role: { id: "aa", zone: "dc1", capacity: 4_000_000_000, tags: ["node1"] },
      },
      { id: "cc", addr: null, isUp: false, lastSeenSecsAgo: 9, hostname: null, draining: false, role: null },
    ]);
  });

  it("health: storageNodesUp becomes storageNodesOk", () => {
    const health = {
      status: "healthy",
      knownNodes: 1,
      connectedNodes: 1,
      storageNodes: 1,
      storageNodesUp: 1,
      partitions: 256,
      partitionsQuorum: 256,
      partitionsAllOk: 256,
    };
    const body = v1Health(health);
    expect(body.storageNodesOk).toBe(1);
    expect(body).not.toHaveProperty("storageNodesUp");
  });

  it("apply: message and v1 layout, statistics dropped", () => {
    expect(v1ApplyResult({ message: ["ok"], layout })).toEqual({ message: ["ok"], layout: v1Layout(layout) });
  });
});

describe("v2 → v1 key and bucket shapes", () => {
  it("key info: null secret unless shown, permissions filled in", () => {
    expect(v1KeyInfo(key)).toEqual({
      name: "k",
      accessKeyId: "GK1",
      secretAccessKey: null,
      permissions: { createBucket: false },
      buckets: [
        {
          id: "b1",
          globalAliases: ["photos"],
          localAliases: [],
          permissions: { read: true, write: false, owner: true },
        },
      ],
    });
    expect(v1KeyInfo({ ...key, secretAccessKey: "s3cr3t" }).secretAccessKey).toBe("s3cr3t");
  });

  it("key list: id and name only", () => {
    expect(v1KeyList([{ id: "GK1", name: "k", expired: false }])).toEqual([{ id: "GK1", name: "k" }]);
  });

  it("bucket info: no created, website errorDocument left out when unset", () => {
    const body = v1BucketInfo(bucket);
    expect(body.websiteConfig).toEqual({ indexDocument: "index.html" });
    expect(body.keys[0].permissions).toEqual({ read: true, write: false, owner: false });
    expect(body).toMatchObject({
      unfinishedUploads: 1,
      unfinishedMultipartUploads: 1,
      unfinishedMultipartUploadParts: 3,
      unfinishedMultipartUploadBytes: 7,
    });
    expect(body).not.toHaveProperty("created");
  });

  it("bucket list: id and aliases", () => {
    expect(
      v1BucketList([
        {
          id: "b1",
          created: "2025-01-01T00:00:00.000Z",
          globalAliases: [],
          localAliases: [{ accessKeyId: "GK1", alias: "a" }],
        },
      ]),
    ).toEqual([{ id: "b1", globalAliases: [], localAliases: [{ accessKeyId: "GK1", alias: "a" }] }]);
  });
});
