import { z } from "zod";

/**
 * The parts of the v2 responses that the v1 and v0 translations read, as zod
 * schemas. The v2 handlers are ours, but their bodies cross `invokeV2` as
 * `unknown`; parsing them here keeps the translations typed without casts, and
 * a drift in the v2 layer fails loudly instead of producing a wrong v1 body.
 * Objects are not strict: v2 fields the old versions do not know are dropped.
 */

const nullableString = z.string().nullable().optional();
const nullableInt = z.number().int().nullable().optional();

export const v2BucketKeyPerm = z.object({
  read: z.boolean().optional(),
  write: z.boolean().optional(),
  owner: z.boolean().optional(),
});

export const v2NodeAssignedRole = z.object({
  zone: z.string(),
  capacity: nullableInt,
  tags: z.array(z.string()),
});

const freeSpace = z.object({ available: z.number(), total: z.number() });

export const v2NodeResp = z.object({
  id: z.string(),
  addr: nullableString,
  hostname: nullableString,
  isUp: z.boolean(),
  lastSeenSecsAgo: nullableInt,
  draining: z.boolean(),
  role: v2NodeAssignedRole.nullable().optional(),
  dataPartition: freeSpace.nullable().optional(),
  metadataPartition: freeSpace.nullable().optional(),
});

export const v2ClusterStatus = z.object({
  layoutVersion: z.number().int(),
  nodes: z.array(v2NodeResp),
});

export const v2ClusterHealth = z.object({
  status: z.string(),
  knownNodes: z.number().int(),
  connectedNodes: z.number().int(),
  storageNodes: z.number().int(),
  storageNodesUp: z.number().int(),
  partitions: z.number().int(),
  partitionsQuorum: z.number().int(),
  partitionsAllOk: z.number().int(),
});

export const v2ConnectResults = z.array(z.object({ success: z.boolean(), error: nullableString }));

export const v2LayoutRole = v2NodeAssignedRole.extend({ id: z.string() });

/** A staged change is either a removal or a full role; `remove` tells them apart. */
export const v2StagedChange = z.union([z.object({ id: z.string(), remove: z.literal(true) }), v2LayoutRole]);

export const v2ClusterLayout = z.object({
  version: z.number().int(),
  roles: z.array(v2LayoutRole),
  stagedRoleChanges: z.array(v2StagedChange),
});

export const v2ApplyLayout = z.object({
  message: z.array(z.string()),
  layout: v2ClusterLayout,
});

export const v2NodeInfo = z.object({
  nodeId: z.string(),
  garageVersion: z.string(),
  garageFeatures: z.array(z.string()).nullable().optional(),
  rustVersion: z.string(),
  dbEngine: z.string(),
  hostname: nullableString,
});

export const v2NodeInfoMulti = z.object({
  success: z.record(z.string(), v2NodeInfo),
  error: z.record(z.string(), z.string()),
});

export const v2KeyListItem = z.object({ id: z.string(), name: z.string() });
export const v2KeyList = z.array(v2KeyListItem);

export const v2KeyBucket = z.object({
  id: z.string(),
  globalAliases: z.array(z.string()),
  localAliases: z.array(z.string()),
  permissions: v2BucketKeyPerm,
});

export const v2KeyInfo = z.object({
  accessKeyId: z.string(),
  name: z.string(),
  secretAccessKey: nullableString,
  permissions: z.object({ createBucket: z.boolean().optional() }),
  buckets: z.array(v2KeyBucket),
});

export const v2LocalAlias = z.object({ accessKeyId: z.string(), alias: z.string() });

export const v2BucketList = z.array(
  z.object({ id: z.string(), globalAliases: z.array(z.string()), localAliases: z.array(v2LocalAlias) }),
);

export const v2BucketKey = z.object({
  accessKeyId: z.string(),
  name: z.string(),
  permissions: v2BucketKeyPerm,
  bucketLocalAliases: z.array(z.string()),
});

export const v2BucketInfo = z.object({
  id: z.string(),
  globalAliases: z.array(z.string()),
  websiteAccess: z.boolean(),
  websiteConfig: z.object({ indexDocument: z.string(), errorDocument: nullableString }).nullable().optional(),
  keys: z.array(v2BucketKey),
  objects: z.number().int(),
  bytes: z.number().int(),
  unfinishedUploads: z.number().int(),
  unfinishedMultipartUploads: z.number().int(),
  unfinishedMultipartUploadParts: z.number().int(),
  unfinishedMultipartUploadBytes: z.number().int(),
  quotas: z.object({ maxSize: nullableInt, maxObjects: nullableInt }),
});

export type V2NodeResp = z.infer<typeof v2NodeResp>;
export type V2ClusterStatus = z.infer<typeof v2ClusterStatus>;
export type V2ClusterHealth = z.infer<typeof v2ClusterHealth>;
export type V2ConnectResults = z.infer<typeof v2ConnectResults>;
export type V2LayoutRole = z.infer<typeof v2LayoutRole>;
export type V2StagedChange = z.infer<typeof v2StagedChange>;
export type V2ClusterLayout = z.infer<typeof v2ClusterLayout>;
export type V2ApplyLayout = z.infer<typeof v2ApplyLayout>;
export type V2NodeInfo = z.infer<typeof v2NodeInfo>;
export type V2KeyList = z.infer<typeof v2KeyList>;
export type V2KeyInfo = z.infer<typeof v2KeyInfo>;
export type V2BucketList = z.infer<typeof v2BucketList>;
export type V2BucketInfo = z.infer<typeof v2BucketInfo>;
