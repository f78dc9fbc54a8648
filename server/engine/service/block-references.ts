import type { Engine } from "../engine";
import { records } from "../metadata/records";
import { versionIdBytes } from "../metadata/keys";
import type { UploadRecord } from "../metadata/records";
import { refcount, scanTree } from "./block-maintenance";

/**
 * Which object versions reference a block (GetBlockInfo) and the purge of every
 * object and upload that references given blocks (PurgeBlocks). Both scan the
 * version_block tree: fine for admin use, not for a request path.
 */

export type BlockBacklink =
  { kind: "object"; bucketId: string; key: string } | { kind: "upload"; upload: UploadRecord } | { kind: "none" };

export interface BlockVersionRef {
  versionId: Buffer;
  backlink: BlockBacklink;
}

function versionsReferencing(engine: Engine, hashes: Set<string>): Map<string, Buffer[]> {
  const byHash = new Map<string, Buffer[]>();
  for (const [key, value] of scanTree(engine.db, "version_block")) {
    const hashHex = records.blockRow.decode(value).hash.toString("hex");
    if (!hashes.has(hashHex)) continue;
    const versionId = key.subarray(0, versionIdBytes);
    const list = byHash.get(hashHex) ?? [];
    if (!list.some((known) => known.equals(versionId))) list.push(Buffer.from(versionId));
    byHash.set(hashHex, list);
  }
  return byHash;
}

/** Object versions are found by a scan of the object tree, uploads by their index. */
function backlinks(engine: Engine, versionIds: Buffer[]): Map<string, BlockBacklink> {
  const wanted = new Set(versionIds.map((id) => id.toString("hex")));
  const found = new Map<string, BlockBacklink>();
  for (const versionId of versionIds) {
    const location = engine.db.get("mpu_by_id", versionId);
    const bytes = location ? engine.db.get("mpu", location) : undefined;
    if (bytes) found.set(versionId.toString("hex"), { kind: "upload", upload: records.upload.decode(bytes) });
  }
  if (found.size < wanted.size) {
    for (const [key, value] of scanTree(engine.db, "object")) {
      const versionHex = records.object.decode(value).versionId.toString("hex");
      if (wanted.has(versionHex))
        found.set(versionHex, {
          kind: "object",
          bucketId: key.subarray(0, 32).toString("hex"),
          key: key.subarray(32).toString("utf8"),
        });
    }
  }
  return found;
}

export function blockInfo(engine: Engine, hash: Buffer): { refcount: number; versions: BlockVersionRef[] } {
  const versionIds = versionsReferencing(engine, new Set([hash.toString("hex")])).get(hash.toString("hex")) ?? [];
  const links = backlinks(engine, versionIds);
  return {
    refcount: refcount(engine.db, hash),
    versions: versionIds.map((versionId) => ({
      versionId,
      backlink: links.get(versionId.toString("hex")) ?? { kind: "none" },
    })),
  };
}

export interface PurgeOutcome {
  blocksPurged: number;
  objectsDeleted: number;
  uploadsDeleted: number;
  versionsDeleted: number;
  blockRefsPurged: number;
}

/** Deletes every object and upload that references one of the blocks, then the blocks themselves. */
export async function purgeBlocks(engine: Engine, hashes: Buffer[]): Promise<PurgeOutcome> {
  const outcome: PurgeOutcome = {
    blocksPurged: 0,
    objectsDeleted: 0,
    uploadsDeleted: 0,
    versionsDeleted: 0,
    blockRefsPurged: 0,
  };
  const byHash = versionsReferencing(engine, new Set(hashes.map((hash) => hash.toString("hex"))));
  const versionIds = [...new Map([...byHash.values()].flat().map((id) => [id.toString("hex"), id])).values()];
  const links = backlinks(engine, versionIds);
  for (const link of links.values()) {
    if (link.kind === "object" && (await engine.objects.delete(link.bucketId, link.key))) outcome.objectsDeleted += 1;
    if (link.kind === "upload") {
      const freed = await engine.db.write((tx) => engine.multipart.abortInTx(tx, link.upload));
      engine.collector.enqueue(freed);
      outcome.uploadsDeleted += 1;
    }
    outcome.versionsDeleted += 1;
  }
  for (const hash of hashes) {
    const hashHex = hash.toString("hex");
    const hadRef = await engine.db.write((tx) => {
      const existed = tx.get("block_ref", hash) !== undefined;
      tx.delete("block_ref", hash);
      tx.delete("block_error", hash);
      return existed;
    });
    if (hadRef) outcome.blockRefsPurged += 1;
    if (await engine.blocks.removeIfUnpinned(hashHex, () => true)) outcome.blocksPurged += 1;
  }
  return outcome;
}
