import { Packr } from "msgpackr";
import { z } from "zod";
import { storedCorsRules, storedLifecycleRules, storedRoutingRules } from "./bucket-rules";
import { aclSchema } from "../access/acl";
import { storedEncryptionSchema } from "../service/customer-encryption";

/**
 * Record shapes stored in the metadata trees, each with a schema version `v`.
 * Decoding validates the shape and migrates older versions forward, so records
 * written by an earlier engine stay readable. Encoded with MessagePack (binary
 * values such as inline data and hashes stay binary).
 */

const packr = new Packr({ useRecords: false, mapsAsObjects: true, moreTypes: false });

const buffer = z.custom<Buffer>((value) => Buffer.isBuffer(value), "expected bytes");

const checksumSchema = z.object({
  algorithm: z.enum(["CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"]),
  valueBase64: z.string(),
  type: z.enum(["FULL_OBJECT", "COMPOSITE"]),
});
export type StoredChecksum = z.infer<typeof checksumSchema>;

const websiteSchema = z.object({
  indexDocument: z.string(),
  errorDocument: z.string().nullable(),
  routingRules: storedRoutingRules,
  /** S3's RedirectAllRequestsTo: every request to the website is sent there instead (set over S3 only). */
  redirectAllRequestsTo: z
    .object({ HostName: z.string(), Protocol: z.enum(["http", "https"]).nullable() })
    .nullable()
    .optional(),
});

/** A tag: [key, value]. Order is kept as the client sent it. */
const tagSchema = z.tuple([z.string(), z.string()]);
export type Tag = z.infer<typeof tagSchema>;

/** S3's versioning states: a bucket never returns to "unversioned" once versioning was enabled. */
export const versioningStates = ["unversioned", "enabled", "suspended"] as const;
export type VersioningState = (typeof versioningStates)[number];

const bucketV1 = z.object({
  v: z.literal(1),
  id: z.string(),
  createdMs: z.number(),
  globalAliases: z.array(z.string()),
  localAliases: z.array(z.object({ accessKeyId: z.string(), alias: z.string() })),
  website: websiteSchema.nullable(),
  quotas: z.object({ maxSizeBytes: z.number().nullable(), maxObjects: z.number().nullable() }),
  cors: storedCorsRules,
  lifecycle: storedLifecycleRules,
  /** Added after v1 was first written: older records read as never versioned and untagged. */
  versioning: z.enum(versioningStates).default("unversioned"),
  tags: z.array(tagSchema).default([]),
});
export type BucketRecord = z.infer<typeof bucketV1>;

const accessKeyV1 = z.object({
  v: z.literal(1),
  accessKeyId: z.string(),
  secretAccessKey: z.string(),
  name: z.string(),
  createdMs: z.number(),
  expirationMs: z.number().nullable(),
  allowCreateBucket: z.boolean(),
  /** The bucket allowance its S3 CreateBucket draws on (see bucketAllowanceV1); absent or null: none. */
  bucketAllowance: z.string().nullable().optional(),
});
export type AccessKeyRecord = z.infer<typeof accessKeyV1>;

/**
 * A bucket allowance: how many more buckets, and how many bytes of quota in all, the keys
 * that draw on it may still create through S3, and the quota each such bucket gets
 * (capped at what is left). Every CreateBucket that draws on it bumps `generation`, so
 * whoever sets it can do so only against the state it read.
 */
const bucketAllowanceV1 = z.object({
  v: z.literal(1),
  bucketsLeft: z.number().int().nonnegative(),
  bytesLeft: z.number().int().nonnegative(),
  bucketQuotaBytes: z.number().int().positive(),
  generation: z.number().int().nonnegative(),
});
export type BucketAllowanceRecord = z.infer<typeof bucketAllowanceV1>;

const permV1 = z.object({ v: z.literal(1), read: z.boolean(), write: z.boolean(), owner: z.boolean() });
export type PermRecord = z.infer<typeof permV1>;

const counterV1 = z.object({
  v: z.literal(1),
  /** Current objects (the keys a listing shows) and their bytes. */
  objects: z.number(),
  bytes: z.number(),
  uploads: z.number(),
  uploadParts: z.number(),
  uploadBytes: z.number(),
  /** Noncurrent object versions and their bytes, and delete markers (versioned buckets); 0 in older records. */
  versions: z.number().default(0),
  versionBytes: z.number().default(0),
  deleteMarkers: z.number().default(0),
});
export type CounterRecord = z.infer<typeof counterV1>;

/**
 * One version of an object. `versionId` names its data (its blocks and parts are
 * keyed by it); `seq` is its place in the key's history (newer is larger), and
 * `nullVersion` marks the version S3 calls "null" (written while the bucket was
 * unversioned or suspended). Records written before versioning read as seq 0, null.
 */
const objectV1 = z.object({
  v: z.literal(1),
  versionId: buffer,
  seq: z.number().default(0),
  nullVersion: z.boolean().default(true),
  createdMs: z.number(),
  sizeBytes: z.number(),
  etag: z.string(),
  /** Standard headers kept and returned: content-type, content-encoding, … */
  headers: z.record(z.string(), z.string()),
  userMeta: z.record(z.string(), z.string()),
  checksum: checksumSchema.nullable(),
  /** Multipart objects: [partNumber, sizeBytes] in order; null for a single PUT. */
  parts: z.array(z.tuple([z.number(), z.number()])).nullable(),
  /** Small objects live here instead of in blocks. */
  inline: buffer.nullable(),
  tags: z.array(tagSchema).default([]),
  /** The ACL set when written or by PutObjectAcl; absent: none (Garage's permissions alone). */
  acl: aclSchema.nullable().optional(),
  /** SSE-C: how the data key is sealed under the customer's key; absent: stored in clear. */
  sse: storedEncryptionSchema.nullable().optional(),
});
export type ObjectRecord = z.infer<typeof objectV1>;

/** A delete marker: a version with no data that makes its key read as deleted. */
const deleteMarkerV1 = z.object({
  v: z.literal(1),
  deleteMarker: z.literal(true),
  versionId: buffer,
  seq: z.number(),
  nullVersion: z.boolean(),
  createdMs: z.number(),
});
export type DeleteMarkerRecord = z.infer<typeof deleteMarkerV1>;

/** What the version tree holds: object versions and delete markers. */
export type VersionRecord = ObjectRecord | DeleteMarkerRecord;

export function isDeleteMarker(record: VersionRecord): record is DeleteMarkerRecord {
  return "deleteMarker" in record;
}

/**
 * A completed multipart upload, kept while the version it became exists, so a
 * repeated CompleteMultipartUpload answers the same result (clients retry it).
 */
const completedUploadV1 = z.object({
  v: z.literal(1),
  bucketId: z.string(),
  key: z.string(),
  seq: z.number(),
  /** [partNumber, etag] as completed. */
  parts: z.array(z.tuple([z.number(), z.string()])),
});
export type CompletedUploadRecord = z.infer<typeof completedUploadV1>;

const blockRowV1 = z.object({
  hash: buffer,
  sizeBytes: z.number(),
  /**
   * CRC32C of the block's bytes, written beside its hash: reads verify this cheap
   * checksum and the scrub the full SHA-256. Absent on rows written before it
   * existed; those reads verify the hash.
   */
  crc32c: z.number().int().nonnegative().optional(),
});
export type BlockRow = z.infer<typeof blockRowV1>;

const partV1 = z.object({
  v: z.literal(1),
  etag: z.string(),
  sizeBytes: z.number(),
  createdMs: z.number(),
  checksum: checksumSchema.nullable(),
});
export type PartRecord = z.infer<typeof partV1>;

const uploadV1 = z.object({
  v: z.literal(1),
  uploadId: buffer,
  bucketId: z.string(),
  key: z.string(),
  createdMs: z.number(),
  headers: z.record(z.string(), z.string()),
  userMeta: z.record(z.string(), z.string()),
  checksumAlgorithm: checksumSchema.shape.algorithm.nullable(),
  checksumType: checksumSchema.shape.type.nullable(),
  /** The tags the object will carry (x-amz-tagging on CreateMultipartUpload). */
  tags: z.array(tagSchema).default([]),
  /** The ACL asked for at initiation, given to the object on completion. */
  acl: aclSchema.nullable().optional(),
  /** SSE-C asked for at initiation: every part is sealed under this upload's data key. */
  sse: storedEncryptionSchema.nullable().optional(),
});
export type UploadRecord = z.infer<typeof uploadV1>;

const blockRefV1 = z.object({ refs: z.number().int().nonnegative() });
export type BlockRefRecord = z.infer<typeof blockRefV1>;

const blockErrorV1 = z.object({
  errorCount: z.number(),
  lastTryMs: z.number(),
  nextTryMs: z.number(),
  message: z.string(),
  /** The volumes whose copy is missing or bad (absent in records written before it existed). */
  volumeIds: z.array(z.string()).default([]),
});
export type BlockErrorRecord = z.infer<typeof blockErrorV1>;

/** A block waiting in the resync queue; the volumes that prompted it (for per-volume figures). */
const resyncEntryV1 = z.object({ v: z.literal(1), volumeIds: z.array(z.string()) });
export type ResyncEntryRecord = z.infer<typeof resyncEntryV1>;

export interface Codec<T> {
  encode(value: T): Buffer;
  decode(bytes: Buffer): T;
}

function codec<T>(schema: z.ZodType<T>, name: string): Codec<T> {
  return {
    encode: (value) => packr.pack(value),
    decode: (bytes) => {
      const parsed = schema.safeParse(packr.unpack(bytes));
      if (!parsed.success) throw new Error(`corrupt ${name} record: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    },
  };
}

/**
 * Records read once per object on every listing and GET skip the full schema:
 * their version and key fields are checked, which catches a record from another
 * tree or a future schema; writes still go through the typed record shapes.
 */
function hotCodec<T>(
  name: string,
  looksRight: (value: Record<string, unknown>) => boolean,
  fillDefaults: (value: Record<string, unknown>) => void = () => undefined,
): Codec<T> {
  return {
    encode: (value) => packr.pack(value),
    decode: (bytes) => {
      const value: unknown = packr.unpack(bytes);
      if (typeof value !== "object" || value === null) throw new Error(`corrupt ${name} record`);
      fillDefaults(value as Record<string, unknown>);
      if (!looksRight(value as Record<string, unknown>)) throw new Error(`corrupt ${name} record`);
      return value as T;
    },
  };
}

/** Fields added to object records after their first version, filled in on the hot path as the schema does. */
function fillObjectDefaults(value: Record<string, unknown>): void {
  if (value.deleteMarker !== undefined) return;
  value.seq ??= 0;
  value.nullVersion ??= true;
  value.tags ??= [];
}

function looksLikeObject(value: Record<string, unknown>): boolean {
  return (
    value.v === 1 &&
    Buffer.isBuffer(value.versionId) &&
    typeof value.sizeBytes === "number" &&
    typeof value.etag === "string"
  );
}

function looksLikeDeleteMarker(value: Record<string, unknown>): boolean {
  return value.v === 1 && value.deleteMarker === true && Buffer.isBuffer(value.versionId);
}

/** The raw MessagePack codec, for records whose shape another module owns and validates. */
export const rawCodec: Codec<unknown> = {
  encode: (value) => packr.pack(value),
  decode: (bytes) => packr.unpack(bytes),
};

/**
 * The decoder of a row every request reads (its bucket, its key): the store keeps such
 * rows in memory and returns the same Buffer while the row is unchanged, so the value
 * decoded from it is kept beside it instead of decoded again (5 % of a small GET). The
 * value is shared by every reader: it is frozen, so a caller that changed it would throw.
 */
export function sharedDecoder<T extends object>(codec: Codec<T>): (bytes: Buffer) => T {
  const decoded = new WeakMap<Buffer, T>();
  return (bytes) => {
    let value = decoded.get(bytes);
    if (value === undefined) {
      value = deepFreeze(codec.decode(bytes));
      decoded.set(bytes, value);
    }
    return value;
  };
}

function deepFreeze<T>(value: T): T {
  // A Buffer's bytes cannot be frozen; records hold them only as ids.
  if (typeof value !== "object" || value === null || Buffer.isBuffer(value) || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}

export const records = {
  bucket: codec(bucketV1, "bucket"),
  accessKey: codec(accessKeyV1, "access key"),
  bucketAllowance: codec(bucketAllowanceV1, "bucket allowance"),
  perm: codec(permV1, "permission"),
  counter: codec(counterV1, "counter"),
  object: hotCodec<ObjectRecord>("object", looksLikeObject, fillObjectDefaults),
  /** The version tree's records: object versions and delete markers. */
  version: hotCodec<VersionRecord>(
    "version",
    (value) => (value.deleteMarker === undefined ? looksLikeObject(value) : looksLikeDeleteMarker(value)),
    fillObjectDefaults,
  ),
  blockRow: hotCodec<BlockRow>(
    "block row",
    (value) =>
      Buffer.isBuffer(value.hash) &&
      typeof value.sizeBytes === "number" &&
      (value.crc32c === undefined || typeof value.crc32c === "number"),
  ),
  part: codec(partV1, "part"),
  upload: codec(uploadV1, "upload"),
  blockRef: hotCodec<BlockRefRecord>("block ref", (value) => typeof value.refs === "number"),
  blockError: codec(blockErrorV1, "block error"),
  completedUpload: codec(completedUploadV1, "completed upload"),
  resyncEntry: codec(resyncEntryV1, "resync entry"),
};

/** The same hot records, fully validated: for repairs and tests that must not trust a record's shape. */
export const validatedRecords = {
  object: codec(objectV1, "object"),
  version: codec<VersionRecord>(z.union([deleteMarkerV1, objectV1]), "version"),
  blockRow: codec(blockRowV1, "block row"),
  blockRef: codec(blockRefV1, "block ref"),
};
