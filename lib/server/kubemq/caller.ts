import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { AdminApiError } from "@/lib/admin-api/errors";
import type { ConsoleStore } from "@/lib/server/auth/store";
import { adminCalls } from "@/lib/server/admin-api/calls";
import { getConnection, localConnection, type Connection } from "@/lib/server/connections";
import { getConnectionStore } from "@/lib/server/connections/store";
import type { Tenant } from "@/lib/tenancy/types";
import { KubemqError } from "./errors";

/**
 * Who calls the KubeMQ target: an S3 access key and its secret, as HTTP Basic credentials
 * (the target's aws_key and aws_secret_key). The secret is checked against the cluster
 * holding the key before anything else; a wrong one is the same 401 as an unknown key.
 */
export interface KubemqCaller {
  connection: Connection;
  accessKeyId: string;
  secretAccessKey: string;
  /** The tenant owning the key, whose rules govern create_bucket; null for a key no tenant owns. */
  tenant: Tenant | null;
}

const maxCredentialBytes = 2048;
const refused = () => new KubemqError("Unauthenticated", "unknown aws_key or wrong aws_secret_key");

function readBasic(header: string | null): { accessKeyId: string; secretAccessKey: string } {
  const match = header === null ? null : /^Basic ([A-Za-z0-9+/=]+)$/i.exec(header.trim());
  if (!match || header === null || header.length > maxCredentialBytes)
    throw new KubemqError(
      "Unauthenticated",
      "send the S3 access key and secret (aws_key, aws_secret_key) as HTTP Basic credentials",
    );
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) throw refused();
  return { accessKeyId: decoded.slice(0, colon), secretAccessKey: decoded.slice(colon + 1) };
}

const digest = (text: string) => createHash("sha256").update(text).digest();

/** The connections that may hold the key: its tenant's, else the embedded engine's, then every remote one. */
function candidates(tenant: Tenant | null): Connection[] {
  if (tenant) return [getConnection(tenant.connectionId)];
  return [localConnection(), ...getConnectionStore().list()];
}

export async function authenticateKey(store: ConsoleStore, header: string | null): Promise<KubemqCaller> {
  const { accessKeyId, secretAccessKey } = readBasic(header);
  const owner = store.tenants.keyOwner(accessKeyId);
  const tenant = owner ? store.tenants.find(owner.tenantId) : null;
  if (tenant?.disabled) throw new KubemqError("Forbidden", "this key's tenant is disabled");
  for (const connection of candidates(tenant)) {
    let info;
    try {
      info = await (await adminCalls(connection)).getKeyInfo(accessKeyId, true);
    } catch (error) {
      // Not on this cluster (or a remote one that cannot answer now): try the next.
      if (error instanceof AdminApiError && connection.id !== localConnection().id) continue;
      if (error instanceof AdminApiError && (error.status === 404 || error.status === 400)) continue;
      throw error;
    }
    const known = info.secretAccessKey ?? "";
    if (!timingSafeEqual(digest(known), digest(secretAccessKey)) || info.expired) throw refused();
    return { connection, accessKeyId, secretAccessKey, tenant };
  }
  throw refused();
}
