import { z } from "zod";
import type { V2OperationTable, V2Schema } from "../contract";
import { defineOperation, nodeQuery } from "../define";
import { perNode, selectNodes } from "../per-node";
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
  nodeId: string,
  nowMs: number = Date.now(),
): V2Schema<"LocalListBlockErrorsResponse"> {
  return context.admin.engine.maintenance.blockErrors(limits.maxBlockErrorsListed, nodeId).map((error) => ({
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

/**
 * What references a block, as the node (volume) that stores it answers. A version
 * row whose version is gone is reported deleted; references are removed in the same
 * transaction as their version, so a listed reference is never a deleted one.
 */
async function getBlockInfo(
  context: AdminRequestContext,
  hashHex: string,
  nodeId: string,
): Promise<V2Schema<"LocalGetBlockInfoResponse">> {
  const info = await context.admin.engine.maintenance.blockInfo(Buffer.from(hashHex, "hex"), nodeId);
  if (info.refcount === 0 && info.versions.length === 0)
    throw new AdminError("NoSuchBlock", `No block ${hashHex} is referenced.`);
  if (!info.held) throw new AdminError("NoSuchBlock", `This node stores no copy of block ${hashHex}.`);
  return {
    blockHash: hashHex,
    refcount: info.refcount,
    versions: info.versions.map((version) => ({
      versionId: version.versionId.toString("hex"),
      refDeleted: false,
      versionDeleted: version.backlink.kind === "none",
      garbageCollected: false,
      backlink: renderBacklink(version.backlink),
    })),
  };
}

async function retryResync(
  context: AdminRequestContext,
  body: { all: boolean } | { blockHashes: string[] },
  nodeId: string,
) {
  const hashes = "all" in body ? (body.all ? "allErrored" : []) : body.blockHashes;
  return { count: await context.admin.engine.maintenance.retryResync(hashes, nodeId) };
}

/** Purges once; each node reports the block files it lost, and the first the metadata it deleted. */
async function purgeBlocks(context: AdminRequestContext, node: string, hashesHex: string[]) {
  selectNodes(context, node);
  const outcome = await context.admin.engine.maintenance.purgeBlocks(hashesHex.map((hash) => Buffer.from(hash, "hex")));
  return perNode(context, node, (nodeId, index) => ({
    blocksPurged: outcome.copiesRemovedByVolume[nodeId] ?? 0,
    objectsDeleted: index === 0 ? outcome.objectsDeleted : 0,
    uploadsDeleted: index === 0 ? outcome.uploadsDeleted : 0,
    versionsDeleted: index === 0 ? outcome.versionsDeleted : 0,
    blockRefsPurged: index === 0 ? outcome.blockRefsPurged : 0,
  }));
}

export const blockOperations = {
  ListBlockErrors: defineOperation({
    query: nodeQuery,
    handle: (context, { query }) => perNode(context, query.node, (nodeId) => listBlockErrors(context, nodeId)),
  }),
  GetBlockInfo: defineOperation({
    query: nodeQuery,
    body: z.object({ blockHash }),
    handle: (context, { query, body }) =>
      perNode(context, query.node, (nodeId) => getBlockInfo(context, body.blockHash, nodeId)),
  }),
  RetryBlockResync: defineOperation({
    query: nodeQuery,
    body: z.union([
      z.object({ all: z.boolean() }),
      z.object({ blockHashes: z.array(blockHash).max(limits.maxBlockHashesPerRequest) }),
    ]),
    handle: (context, { query, body }) => perNode(context, query.node, (nodeId) => retryResync(context, body, nodeId)),
  }),
  PurgeBlocks: defineOperation({
    query: nodeQuery,
    body: z.array(blockHash).max(limits.maxBlockHashesPerRequest),
    handle: (context, { query, body }) => purgeBlocks(context, query.node, body),
  }),
} satisfies Partial<V2OperationTable>;
