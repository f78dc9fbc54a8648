import crypto from "node:crypto";
import { z } from "zod";
import type { MetadataStore } from "../metadata/store";
import { rawCodec } from "../metadata/records";
import { utf8 } from "../metadata/keys";
import { EngineError } from "../errors";
import { limits } from "../../util/limits";

/**
 * Garage v2 admin tokens: `<24-hex id>.<secret>`, scoped to endpoint names or
 * `*`, with an optional expiry. Only a SHA-256 of the secret is stored: the secret
 * is 32 random bytes, so a fast hash is as good as a slow one here, and the
 * token is shown once, at creation.
 */

const adminTokenV1 = z.object({
  v: z.literal(1),
  id: z.string(),
  name: z.string(),
  createdMs: z.number(),
  expirationMs: z.number().nullable(),
  scope: z.array(z.string()),
  secretSha256: z.custom<Buffer>((value) => Buffer.isBuffer(value), "expected bytes"),
});
export type AdminTokenRecord = z.infer<typeof adminTokenV1>;

function decode(bytes: Buffer): AdminTokenRecord {
  const parsed = adminTokenV1.safeParse(rawCodec.decode(bytes));
  if (!parsed.success) throw new Error(`corrupt admin token record: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export interface AdminTokenCreation {
  name: string;
  expirationMs: number | null;
  scope: string[];
}

export function isExpired(token: AdminTokenRecord, nowMs: number = Date.now()): boolean {
  return token.expirationMs !== null && token.expirationMs <= nowMs;
}

export class AdminTokenService {
  constructor(private readonly db: MetadataStore) {}

  async create(input: AdminTokenCreation): Promise<{ record: AdminTokenRecord; secretToken: string }> {
    const id = crypto.randomBytes(12).toString("hex");
    const secret = crypto.randomBytes(32).toString("base64url");
    const record: AdminTokenRecord = {
      v: 1,
      id,
      name: input.name,
      createdMs: Date.now(),
      expirationMs: input.expirationMs,
      scope: [...input.scope],
      secretSha256: sha256(secret),
    };
    await this.db.write((tx) => tx.put("admin_token", utf8(id), rawCodec.encode(record)));
    return { record, secretToken: `${id}.${secret}` };
  }

  get(id: string): AdminTokenRecord | null {
    const bytes = this.db.get("admin_token", utf8(id));
    return bytes ? decode(bytes) : null;
  }

  require(id: string): AdminTokenRecord {
    const record = this.get(id);
    if (!record) throw new EngineError("NoSuchAdminToken", `Admin token ${id} not found.`, { id });
    return record;
  }

  list(): AdminTokenRecord[] {
    return this.db.range("admin_token", { limit: limits.maxRowsPerTableRead }).map(([, value]) => decode(value));
  }

  /** Garage's search: an exact id, else a unique id prefix or name. */
  find(pattern: string): AdminTokenRecord {
    const exact = this.get(pattern);
    if (exact) return exact;
    const candidates = this.list().filter((token) => token.id.startsWith(pattern) || token.name === pattern);
    if (candidates.length === 1) return candidates[0];
    if (candidates.length === 0)
      throw new EngineError("NoSuchAdminToken", `No admin token matches ${pattern}.`, { id: pattern });
    throw new EngineError("InvalidRequest", `Several admin tokens match ${pattern}; give the whole id.`);
  }

  async update(id: string, change: (record: AdminTokenRecord) => AdminTokenRecord): Promise<AdminTokenRecord> {
    return this.db.write((tx) => {
      const bytes = tx.get("admin_token", utf8(id));
      if (!bytes) throw new EngineError("NoSuchAdminToken", `Admin token ${id} not found.`, { id });
      const updated = change(decode(bytes));
      tx.put("admin_token", utf8(id), rawCodec.encode(updated));
      return updated;
    });
  }

  async delete(id: string): Promise<void> {
    await this.db.write((tx) => {
      if (!tx.get("admin_token", utf8(id)))
        throw new EngineError("NoSuchAdminToken", `Admin token ${id} not found.`, { id });
      tx.delete("admin_token", utf8(id));
    });
  }

  /** The token's record when `bearer` is a valid, unexpired token; compared in constant time. */
  verify(bearer: string, nowMs: number = Date.now()): AdminTokenRecord | null {
    const match = /^([0-9a-f]{24})\.(.+)$/.exec(bearer);
    if (!match) return null;
    const record = this.get(match[1]);
    if (!record || isExpired(record, nowMs)) return null;
    return crypto.timingSafeEqual(sha256(match[2]), record.secretSha256) ? record : null;
  }
}

function sha256(text: string): Buffer {
  return crypto.createHash("sha256").update(text, "utf8").digest();
}
