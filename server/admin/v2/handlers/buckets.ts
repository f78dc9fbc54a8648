import { z } from "zod";
import type { V2OperationTable, V2Schema } from "../contract";
import { defineOperation } from "../define";
import { bucketInfo, bucketListItem, isoDate } from "../render";
import type { AdminRequestContext } from "../../context";
import { AdminError } from "../../errors";
import { limits } from "../../../util/limits";
import { type BucketRecord, type VersionRecord, isDeleteMarker } from "../../../engine/metadata/records";
import { formatUploadId } from "../../../engine/service/multipart";
import { corsRuleSchema, lifecycleRuleSchema, routingRuleSchema } from "../../../engine/metadata/bucket-rules";

/** Buckets: list, get, create, update (website, quotas, CORS, lifecycle), delete; uploads cleanup; object inspection. */

const perm = z.object({ read: z.boolean().optional(), write: z.boolean().optional(), owner: z.boolean().optional() });
const intValue = z.number().int().nonnegative().nullable().optional();
const updateBucketBody = z.object({
  websiteAccess: z
    .object({
      enabled: z.boolean(),
      indexDocument: z.string().nullable().optional(),
      errorDocument: z.string().nullable().optional(),
      routingRules: z.array(routingRuleSchema).max(limits.maxRoutingRules).nullable().optional(),
    })
    .nullable()
    .optional(),
  quotas: z.object({ maxSize: intValue, maxObjects: intValue }).nullable().optional(),
  corsRules: z.array(corsRuleSchema).max(limits.maxCorsRules).nullable().optional(),
  lifecycleRules: z.array(lifecycleRuleSchema).max(limits.maxLifecycleRules).nullable().optional(),
});
type BucketChange = z.infer<typeof updateBucketBody>;

function website(change: NonNullable<BucketChange["websiteAccess"]>): BucketRecord["website"] {
  if (!change.enabled) {
    if (change.indexDocument || change.errorDocument)
      throw new AdminError(
        "InvalidRequest",
        "Cannot specify indexDocument or errorDocument when website access is disabled.",
      );
    return null;
  }
  if (!change.indexDocument)
    throw new AdminError("InvalidRequest", "Please specify indexDocument when enabling website access.");
  return {
    indexDocument: change.indexDocument,
    errorDocument: change.errorDocument ?? null,
    routingRules: change.routingRules ?? [],
  };
}

function applyChange(bucket: BucketRecord, change: BucketChange): BucketRecord {
  const next = { ...bucket };
  if (change.websiteAccess) next.website = website(change.websiteAccess);
  if (change.quotas !== undefined)
    next.quotas = { maxSizeBytes: change.quotas?.maxSize ?? null, maxObjects: change.quotas?.maxObjects ?? null };
  // Rules are stored as given (S3's names, absent fields as null): GetBucketInfo shows them back unchanged.
  if (change.corsRules !== undefined) next.cors = change.corsRules?.length ? change.corsRules : null;
  if (change.lifecycleRules !== undefined)
    next.lifecycle = change.lifecycleRules?.length ? change.lifecycleRules : null;
  return next;
}

function findBucket(
  context: AdminRequestContext,
  query: { id?: string; globalAlias?: string; search?: string },
): BucketRecord {
  const buckets = context.admin.engine.buckets;
  if (query.id !== undefined) return buckets.require(query.id);
  if (query.globalAlias !== undefined) {
    const id = buckets.globalAliasTarget(query.globalAlias);
    if (!id) throw new AdminError("NoSuchBucket", `Bucket not found: ${query.globalAlias}`);
    return buckets.require(id);
  }
  if (query.search !== undefined) return buckets.find(query.search);
  throw new AdminError("InvalidRequest", "Give one of id, globalAlias or search.");
}

/** InspectObject: the current version with its blocks, and the uploads in progress for the key. */
function inspectObject(context: AdminRequestContext, bucketId: string, key: string): V2Schema<"InspectObjectResponse"> {
  const engine = context.admin.engine;
  engine.buckets.require(bucketId);
  // Garage lists a key's versions oldest first, uploads in progress last.
  const history = engine.objects.history(bucketId, key, limits.maxVersionsInspected).reverse();
  const uploads = engine.multipart
    .listUploads(bucketId, {
      prefix: key,
      keyMarker: null,
      uploadIdMarker: null,
      maxUploads: limits.maxUploadsInspected,
    })
    .uploads.filter((upload) => upload.key === key);
  if (history.length === 0 && uploads.length === 0) throw new AdminError("NoSuchKey", `Object not found: ${key}`);
  const base = { encrypted: false, aborted: false, deleteMarker: false };
  const uploading = uploads.map((upload) => ({
    ...base,
    encrypted: Boolean(upload.sse),
    uuid: formatUploadId(upload.uploadId),
    timestamp: isoDate(upload.createdMs) ?? "",
    uploading: true,
    inline: false,
    size: null,
    etag: null,
    headers: Object.entries(upload.headers),
    blocks: blocksOf(context, upload.uploadId),
  }));
  return { bucketId, key, versions: [...history.map((version) => inspectedVersion(context, version)), ...uploading] };
}

function inspectedVersion(context: AdminRequestContext, version: VersionRecord): V2Schema<"InspectObjectVersion"> {
  const common = {
    aborted: false,
    uuid: version.versionId.toString("hex"),
    timestamp: isoDate(version.createdMs) ?? "",
    uploading: false,
  };
  if (isDeleteMarker(version))
    return {
      ...common,
      encrypted: false,
      deleteMarker: true,
      inline: false,
      size: null,
      etag: null,
      headers: [],
      blocks: [],
    };
  return {
    ...common,
    // Garage's flag for SSE-C data: Carport's customer-encrypted objects.
    encrypted: Boolean(version.sse),
    deleteMarker: false,
    inline: version.inline !== null,
    size: version.sizeBytes,
    etag: version.etag,
    headers: Object.entries(version.headers),
    blocks: blocksOf(context, version.versionId),
  };
}

function blocksOf(context: AdminRequestContext, versionId: Buffer): V2Schema<"InspectObjectBlock">[] {
  return context.admin.engine.objects.versionBlocks(versionId).map((block) => ({
    partNumber: block.partNumber,
    offset: block.offsetInPartBytes,
    hash: block.hash.toString("hex"),
    size: block.sizeBytes,
  }));
}

const idQuery = z.object({ id: z.string().min(1) });

export const bucketOperations = {
  ListBuckets: defineOperation({ handle: (context) => context.admin.engine.buckets.list().map(bucketListItem) }),
  GetBucketInfo: defineOperation({
    query: z.object({ id: z.string().optional(), globalAlias: z.string().optional(), search: z.string().optional() }),
    handle: (context, { query }) => bucketInfo(context.admin.engine, findBucket(context, query)),
  }),
  CreateBucket: defineOperation({
    body: z
      .object({
        globalAlias: z.string().nullable().optional(),
        localAlias: z
          .object({ accessKeyId: z.string(), alias: z.string(), allow: perm.default({}) })
          .nullable()
          .optional(),
      })
      .default({}),
    handle: async (context, { body }) =>
      bucketInfo(
        context.admin.engine,
        await context.admin.engine.buckets.create({
          globalAlias: body.globalAlias ?? null,
          localAlias: body.localAlias ?? null,
        }),
      ),
  }),
  UpdateBucket: defineOperation({
    query: idQuery,
    body: updateBucketBody,
    handle: async (context, { query, body }) =>
      bucketInfo(
        context.admin.engine,
        await context.admin.engine.buckets.update(query.id, (bucket) => applyChange(bucket, body)),
      ),
  }),
  DeleteBucket: defineOperation({
    query: idQuery,
    handle: async (context, { query }) => {
      await context.admin.engine.deleteBucket(query.id);
      return undefined;
    },
  }),
  CleanupIncompleteUploads: defineOperation({
    body: z.object({ bucketId: z.string().min(1), olderThanSecs: z.number().int().nonnegative() }),
    handle: async (context, { body }) => {
      context.admin.engine.buckets.require(body.bucketId);
      return {
        uploadsDeleted: await context.admin.engine.multipart.cleanupOlderThan(body.bucketId, body.olderThanSecs * 1000),
      };
    },
  }),
  InspectObject: defineOperation({
    query: z.object({ bucketId: z.string().min(1), key: z.string() }),
    handle: (context, { query }) => inspectObject(context, query.bucketId, query.key),
  }),
} satisfies Partial<V2OperationTable>;
