import crypto from "node:crypto";
import type { MetadataStore, ReadTx, WriteTx } from "../metadata/store";
import { permKey, prefixEnd, utf8 } from "../metadata/keys";
import { type AccessKeyRecord, type PermRecord, records, sharedDecoder } from "../metadata/records";
import { EngineError } from "../errors";
import { limits } from "../../util/limits";

/** Rows read by every request, decoded once per version of the row (see sharedDecoder). */
const decodeAccessKey = sharedDecoder(records.accessKey);
const decodePerm = sharedDecoder(records.perm);

/**
 * S3 access keys and their per-bucket permissions (Garage's model: read, write,
 * owner per key and bucket; a key may be allowed to create buckets). Permissions
 * are stored twice, by bucket and by key, always in the same transaction.
 */

export type Permission = "read" | "write" | "owner";
export type PermissionFlags = Record<Permission, boolean>;
export const noPermissions: PermissionFlags = { read: false, write: false, owner: false };

const accessKeyIdPattern = /^[A-Za-z0-9_.-]{4,128}$/;

export function newAccessKeyId(): string {
  return `GK${crypto.randomBytes(12).toString("hex")}`;
}

export function newSecretAccessKey(): string {
  return crypto.randomBytes(32).toString("hex");
}

export interface KeyCreation {
  name: string;
  expirationMs?: number | null;
  allowCreateBucket?: boolean;
  accessKeyId?: string;
  secretAccessKey?: string;
}

export class AccessKeyService {
  constructor(private readonly db: MetadataStore) {}

  async create(input: KeyCreation): Promise<AccessKeyRecord> {
    const accessKeyId = input.accessKeyId ?? newAccessKeyId();
    if (!accessKeyIdPattern.test(accessKeyId))
      throw new EngineError("InvalidRequest", "Access key ids are 4 to 128 letters, digits, '.', '_' or '-'.");
    const secretAccessKey = input.secretAccessKey ?? newSecretAccessKey();
    if (secretAccessKey.length < 8 || secretAccessKey.length > 256)
      throw new EngineError("InvalidRequest", "Secret keys are 8 to 256 characters.");
    const record: AccessKeyRecord = {
      v: 1,
      accessKeyId,
      secretAccessKey,
      name: input.name,
      createdMs: Date.now(),
      expirationMs: input.expirationMs ?? null,
      allowCreateBucket: input.allowCreateBucket ?? false,
    };
    return this.db.write((tx) => {
      if (tx.get("access_key", utf8(accessKeyId)))
        throw new EngineError("KeyAlreadyExists", `Key ${accessKeyId} already exists.`);
      tx.put("access_key", utf8(accessKeyId), records.accessKey.encode(record));
      return record;
    });
  }

  get(accessKeyId: string, tx: ReadTx = this.db): AccessKeyRecord | null {
    const bytes = tx.get("access_key", utf8(accessKeyId));
    return bytes ? decodeAccessKey(bytes) : null;
  }

  require(accessKeyId: string, tx: ReadTx = this.db): AccessKeyRecord {
    const record = this.get(accessKeyId, tx);
    if (!record) throw new EngineError("NoSuchAccessKey", `Access key ${accessKeyId} not found.`, { accessKeyId });
    return record;
  }

  /** The secret of a usable key (for SigV4), or null when unknown or expired. */
  secretFor(accessKeyId: string, nowMs: number = Date.now()): string | null {
    const record = this.get(accessKeyId);
    if (!record) return null;
    if (record.expirationMs !== null && record.expirationMs <= nowMs) return null;
    return record.secretAccessKey;
  }

  list(): AccessKeyRecord[] {
    return this.db
      .range("access_key", { limit: limits.maxRowsPerTableRead })
      .map(([, value]) => records.accessKey.decode(value));
  }

  /** Garage's search: an exact id, else a unique id prefix or name match. */
  find(pattern: string): AccessKeyRecord {
    const exact = this.get(pattern);
    if (exact) return exact;
    const candidates = this.list().filter((key) => key.accessKeyId.startsWith(pattern) || key.name === pattern);
    if (candidates.length === 1) return candidates[0];
    if (candidates.length === 0)
      throw new EngineError("NoSuchAccessKey", `No key matches ${pattern}.`, { accessKeyId: pattern });
    throw new EngineError("InvalidRequest", `Several keys match ${pattern}; give the whole access key id.`);
  }

  async update(accessKeyId: string, change: (record: AccessKeyRecord) => AccessKeyRecord): Promise<AccessKeyRecord> {
    return this.db.write((tx) => {
      const updated = change(this.require(accessKeyId, tx));
      tx.put("access_key", utf8(accessKeyId), records.accessKey.encode(updated));
      return updated;
    });
  }

  /** Deletes the key with its permissions; its local aliases go with it (done by the caller in the same tx). */
  deleteInTx(tx: WriteTx, accessKeyId: string): void {
    this.require(accessKeyId, tx);
    for (const [bucketId] of this.permissionsOfKey(accessKeyId, tx)) {
      tx.delete("perm_by_bucket", permKey(Buffer.from(bucketId, "hex"), utf8(accessKeyId)));
      tx.delete("perm_by_key", permKey(utf8(accessKeyId), Buffer.from(bucketId, "hex")));
    }
    tx.delete("access_key", utf8(accessKeyId));
  }

  permission(bucketId: string, accessKeyId: string, tx: ReadTx = this.db): PermissionFlags {
    const bytes = tx.get("perm_by_bucket", permKey(Buffer.from(bucketId, "hex"), utf8(accessKeyId)));
    if (!bytes) return noPermissions;
    const { read, write, owner } = decodePerm(bytes);
    return { read, write, owner };
  }

  /** Sets (allow) or clears (deny) the flags given as true; other flags are kept (Garage's semantics). */
  changePermissionInTx(
    tx: WriteTx,
    bucketId: string,
    accessKeyId: string,
    flags: Partial<PermissionFlags>,
    allow: boolean,
  ): PermissionFlags {
    const current = this.permission(bucketId, accessKeyId, tx);
    const next: PermissionFlags = { ...current };
    for (const flag of ["read", "write", "owner"] as const) if (flags[flag]) next[flag] = allow;
    this.putPermission(tx, bucketId, accessKeyId, next);
    return next;
  }

  putPermission(tx: WriteTx, bucketId: string, accessKeyId: string, flags: PermissionFlags): void {
    const byBucket = permKey(Buffer.from(bucketId, "hex"), utf8(accessKeyId));
    const byKey = permKey(utf8(accessKeyId), Buffer.from(bucketId, "hex"));
    if (!flags.read && !flags.write && !flags.owner) {
      tx.delete("perm_by_bucket", byBucket);
      tx.delete("perm_by_key", byKey);
      return;
    }
    const record: PermRecord = { v: 1, ...flags };
    tx.put("perm_by_bucket", byBucket, records.perm.encode(record));
    tx.put("perm_by_key", byKey, records.perm.encode(record));
  }

  /** [bucketId hex, flags] for every bucket this key has a permission on. */
  permissionsOfKey(accessKeyId: string, tx: ReadTx = this.db): Array<[string, PermissionFlags]> {
    const prefix = permKey(utf8(accessKeyId), Buffer.alloc(0));
    return tx
      .range("perm_by_key", { start: prefix, end: prefixEnd(prefix) ?? undefined, limit: limits.maxRowsPerTableRead })
      .map(([key, value]) => {
        const { read, write, owner } = records.perm.decode(value);
        return [key.subarray(prefix.length).toString("hex"), { read, write, owner }];
      });
  }

  /** [accessKeyId, flags] for every key with a permission on this bucket. */
  permissionsOfBucket(bucketId: string, tx: ReadTx = this.db): Array<[string, PermissionFlags]> {
    const prefix = permKey(Buffer.from(bucketId, "hex"), Buffer.alloc(0));
    return tx
      .range("perm_by_bucket", {
        start: prefix,
        end: prefixEnd(prefix) ?? undefined,
        limit: limits.maxRowsPerTableRead,
      })
      .map(([key, value]) => {
        const { read, write, owner } = records.perm.decode(value);
        return [key.subarray(prefix.length).toString("utf8"), { read, write, owner }];
      });
  }
}
