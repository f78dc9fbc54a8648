import type { V2Schema } from "../../v2/contract";

/** v2 samples for the translation unit tests, typed by Garage's document (garage-admin-v2.openapi.json). */

export const self: V2Schema<"LocalGetNodeInfoResponse"> = {
  nodeId: "aa",
  garageVersion: "v2.3.0",
  garageFeatures: ["sqlite"],
  rustVersion: "node v20",
  dbEngine: "SQLite3",
  hostname: "node1",
};

export const layout: V2Schema<"GetClusterLayoutResponse"> = {
  version: 3,
  parameters: { zoneRedundancy: "maximum" },
  partitionSize: 15_625_000,
  roles: [
    { id: "aa", zone: "dc1", capacity: 4_000_000_000, tags: ["node1"] },
    { id: "bb", zone: "dc2", capacity: null, tags: [] },
  ],
  stagedRoleChanges: [
    { id: "cc", zone: "dc2", capacity: 5_000_000_000, tags: ["node4"] },
    { id: "bb", remove: true },
  ],
};

export const status: V2Schema<"GetClusterStatusResponse"> = {
  layoutVersion: 3,
  nodes: [
    {
      id: "aa",
      addr: "10.0.0.11:3901",
      hostname: "node1",
      isUp: true,
      lastSeenSecsAgo: null,
      draining: false,
      role: { zone: "dc1", capacity: 4_000_000_000, tags: ["node1"] },
    },
    { id: "cc", addr: null, hostname: null, isUp: false, lastSeenSecsAgo: 9, draining: false, role: null },
  ],
};

export const bucket: V2Schema<"GetBucketInfoResponse"> = {
  id: "b1",
  created: "2025-01-01T00:00:00.000Z",
  globalAliases: ["photos"],
  websiteAccess: true,
  websiteConfig: { indexDocument: "index.html", errorDocument: null },
  keys: [{ accessKeyId: "GK1", name: "k", permissions: { read: true }, bucketLocalAliases: ["mine"] }],
  objects: 2,
  bytes: 10,
  unfinishedUploads: 1,
  unfinishedMultipartUploads: 1,
  unfinishedMultipartUploadParts: 3,
  unfinishedMultipartUploadBytes: 7,
  quotas: { maxSize: null, maxObjects: 5 },
};

export const key: V2Schema<"GetKeyInfoResponse"> = {
  accessKeyId: "GK1",
  name: "k",
  expired: false,
  secretAccessKey: null,
  permissions: {},
  buckets: [{ id: "b1", globalAliases: ["photos"], localAliases: [], permissions: { read: true, owner: true } }],
};
