import type { V2BucketInfo, V2ClusterLayout, V2ClusterStatus, V2KeyInfo, V2NodeInfo } from "../v2-shapes";

/** v2-shaped samples (as in garage-admin-v2.openapi.json) for the translation unit tests. */

export const self: V2NodeInfo = {
  nodeId: "aa",
  garageVersion: "v2.3.0",
  garageFeatures: ["sqlite"],
  rustVersion: "node v20",
  dbEngine: "SQLite3",
  hostname: "node1",
};

export const layout: V2ClusterLayout = {
  version: 3,
  roles: [
    { id: "aa", zone: "dc1", capacity: 4_000_000_000, tags: ["node1"] },
    { id: "bb", zone: "dc2", capacity: null, tags: [] },
  ],
  stagedRoleChanges: [
    { id: "cc", zone: "dc2", capacity: 5_000_000_000, tags: ["node4"] },
    { id: "bb", remove: true },
  ],
};

export const status: V2ClusterStatus = {
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

export const bucket: V2BucketInfo = {
  id: "b1",
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

export const key: V2KeyInfo = {
  accessKeyId: "GK1",
  name: "k",
  secretAccessKey: null,
  permissions: {},
  buckets: [{ id: "b1", globalAliases: ["photos"], localAliases: [], permissions: { read: true, owner: true } }],
};
