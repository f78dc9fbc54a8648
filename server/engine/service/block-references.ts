import type { ReadTx } from "../metadata/store";
import { records } from "../metadata/records";
import { parseVersionKey, versionIdBytes } from "../metadata/keys";
import { type UploadRecord, type VersionRecord, isDeleteMarker } from "../metadata/records";
import { refcount, scanTree } from "./block-maintenance";

/**
 * Which object versions and uploads reference a block (GetBlockInfo, PurgeBlocks).
 * Both scan the version_block tree: fine for admin use, not for a request path.
 */

export type BlockBacklink =
  | { kind: "object"; bucketId: string; key: string; version: VersionRecord }
  | { kind: "upload"; upload: UploadRecord }
  | { kind: "none" };

export interface BlockVersionRef {
  versionId: Buffer;
  backlink: BlockBacklink;
}

export function versionsReferencing(db: ReadTx, hashes: Set<string>): Map<string, Buffer[]> {
  const byHash = new Map<string, Buffer[]>();
  for (const [key, value] of scanTree(db, "version_block")) {
    const hashHex = records.blockRow.decode(value).hash.toString("hex");
    if (!hashes.has(hashHex)) continue;
    const versionId = key.subarray(0, versionIdBytes);
    const list = byHash.get(hashHex) ?? [];
    if (!list.some((known) => known.equals(versionId))) list.push(Buffer.from(versionId));
    byHash.set(hashHex, list);
  }
  return byHash;
}

/** Object versions are found by a scan of the object and version trees, uploads by their index. */
export function backlinks(db: ReadTx, versionIds: Buffer[]): Map<string, BlockBacklink> {
  const wanted = new Set(versionIds.map((id) => id.toString("hex")));
  const found = new Map<string, BlockBacklink>();
  for (const versionId of versionIds) {
    const location = db.get("mpu_by_id", versionId);
    const bytes = location ? db.get("mpu", location) : undefined;
    if (bytes) found.set(versionId.toString("hex"), { kind: "upload", upload: records.upload.decode(bytes) });
  }
  if (found.size < wanted.size) {
    for (const [key, value] of scanTree(db, "object")) {
      const version = records.object.decode(value);
      const versionHex = version.versionId.toString("hex");
      if (wanted.has(versionHex))
        found.set(versionHex, {
          kind: "object",
          bucketId: key.subarray(0, 32).toString("hex"),
          key: key.subarray(32).toString("utf8"),
          version,
        });
    }
  }
  if (found.size < wanted.size) {
    for (const [key, value] of scanTree(db, "object_version")) {
      const version = records.version.decode(value);
      const versionHex = version.versionId.toString("hex");
      if (!isDeleteMarker(version) && wanted.has(versionHex) && !found.has(versionHex)) {
        found.set(versionHex, {
          kind: "object",
          bucketId: key.subarray(0, 32).toString("hex"),
          key: parseVersionKey(32, key).keyBytes.toString("utf8"),
          version,
        });
      }
    }
  }
  return found;
}

export function blockInfo(db: ReadTx, hash: Buffer): { refcount: number; versions: BlockVersionRef[] } {
  const versionIds = versionsReferencing(db, new Set([hash.toString("hex")])).get(hash.toString("hex")) ?? [];
  const links = backlinks(db, versionIds);
  return {
    refcount: refcount(db, hash),
    versions: versionIds.map((versionId) => ({
      versionId,
      backlink: links.get(versionId.toString("hex")) ?? { kind: "none" },
    })),
  };
}
