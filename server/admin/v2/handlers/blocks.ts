import { z } from "zod";
import type { V2OperationTable, V2Schema } from "../contract";
import { defineOperation, nodeQuery } from "../define";
import { perNode } from "../per-node";
import type { AdminRequestContext } from "../../context";
import { AdminError } from "../../errors";
import { limits } from "../../../util/limits";
import type { BlockBacklink } from "../../../engine/service/block-references";
import { formatUploadId } from "../../../engine/service/multipart";

/** ListBlockErrors, GetBlockInfo, RetryBlockResync, PurgeBlocks. */

const blockHash = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, "a block hash is 64 hexadecimal characters")
  .transform((hash) => hash.toLowerCase());

function listBlockErrors(
  context: AdminRequestContext,
  nowMs: number = Date.now(),
): V2Schema<"LocalListBlockErrorsResponse"> {
  return context.admin.engine.maintenance.blockErrors(limits.maxBlockErrorsListed).map((error) => ({
    blockHash: error.hash.toString("hex"),
    refcount: error.refcount,
    errorCount: error.errorCount,
    lastTrySecsAgo: Math.max(0, Math.floor((nowMs - error.lastTryMs) / 1000)),
    nextTryInSecs: Math.max(0, Math.ceil((error.nextTryMs - nowMs) / 1000)),
  }));
}

function renderBacklink(link: BlockBacklink): V2Schema<"BlockVersion">["backlink"] {
  if (link.kind === "object") return { object: { bucketId: link.bucketId, key: link.key } };
  if (link.kind === "upload")
    return {
      upload: {
        uploadId: formatUploadId(link.upload.uploadId),
        uploadDeleted: false,
        uploadGarbageCollected: false,
        bucketId: link.upload.bucketId,
        key: link.upload.key,
      },
    };
  return null;
}

function getBlockInfo(context: AdminRequestContext, hashHex: string): V2Schema<"LocalGetBlockInfoResponse"> {
  const info = context.admin.engine.maintenance.blockInfo(Buffer.from(hashHex, "hex"));
  if (info.refcount === 0 && info.versions.length === 0)
    throw new AdminError("NoSuchBlock", `No block ${hashHex} is referenced.`);
  return {
    blockHash: hashHex,
    refcount: info.refcount,
    versions: info.versions.map((version) => ({
      versionId: version.versionId.toString("hex"),
      refDeleted: false,
      versionDeleted: false,
      garbageCollected: false,
      backlink: renderBacklink(version.backlink),
    })),
  };
}

async function retryResync(context: AdminRequestContext, body: { all: boolean } | { blockHashes: string[] }) {
  const hashes = "all" in body ? (body.all ? "allErrored" : []) : body.blockHashes;
  return { count: await context.admin.engine.maintenance.retryResync(hashes) };
}

export const blockOperations = {
  ListBlockErrors: defineOperation({
    query: nodeQuery,
    handle: (context, { query }) => perNode(context, query.node, () => listBlockErrors(context)),
  }),
  GetBlockInfo: defineOperation({
    query: nodeQuery,
    body: z.object({ blockHash }),
    handle: (context, { query, body }) => perNode(context, query.node, () => getBlockInfo(context, body.blockHash)),
  }),
  RetryBlockResync: defineOperation({
    query: nodeQuery,
    body: z.union([
      z.object({ all: z.boolean() }),
      z.object({ blockHashes: z.array(blockHash).max(limits.maxBlockHashesPerRequest) }),
    ]),
    handle: (context, { query, body }) => perNode(context, query.node, () => retryResync(context, body)),
  }),
  PurgeBlocks: defineOperation({
    query: nodeQuery,
    body: z.array(blockHash).max(limits.maxBlockHashesPerRequest),
    handle: (context, { query, body }) =>
      perNode(context, query.node, () =>
        context.admin.engine.maintenance.purgeBlocks(body.map((hash) => Buffer.from(hash, "hex"))),
      ),
  }),
} satisfies Partial<V2OperationTable>;
