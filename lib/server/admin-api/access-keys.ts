import "server-only";
import type { Connection } from "@/lib/server/connections";
import type { AccessKeySummary } from "@/lib/admin-api/access-keys";
import { adminCalls } from "./calls";
import { AdminApiError } from "@/lib/admin-api/errors";

/** Access keys through the admin API (any version, see ./calls). The secret leaves only through readSecretKey. */

interface KeyItem {
  id?: string;
  accessKeyId?: string;
  name: string;
  created?: string | null;
  expiration?: string | null;
  expired: boolean;
}

function toSummary(item: KeyItem): AccessKeySummary {
  return {
    id: item.id ?? item.accessKeyId ?? "",
    name: item.name,
    created: item.created ?? null,
    expiration: item.expiration ?? null,
    expired: item.expired,
  };
}

export async function listAccessKeys(connection: Connection): Promise<AccessKeySummary[]> {
  const items = await (await adminCalls(connection)).listKeys();
  return items.map(toSummary).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** The one place a secret is read: GetKeyInfo with showSecretKey, for an explicit reveal. */
export async function readSecretKey(connection: Connection, accessKeyId: string): Promise<string> {
  const info = await (await adminCalls(connection)).getKeyInfo(accessKeyId, true);
  if (!info.secretAccessKey)
    throw new AdminApiError(404, "NoSecretKey", "The cluster did not return this key's secret.");
  return info.secretAccessKey;
}

export interface NewAccessKey {
  name: string;
  /** RFC 3339, or null for a key that never expires. */
  expiration: string | null;
  canCreateBuckets: boolean;
}

export async function createAccessKey(connection: Connection, key: NewAccessKey): Promise<AccessKeySummary> {
  const body = {
    name: key.name,
    ...(key.expiration ? { expiration: key.expiration } : { neverExpires: true }),
    ...(key.canCreateBuckets ? { allow: { createBucket: true } } : {}),
  };
  return toSummary(await (await adminCalls(connection)).createKey(body));
}

export async function importAccessKey(
  connection: Connection,
  key: { accessKeyId: string; secretAccessKey: string; name: string },
): Promise<AccessKeySummary> {
  return toSummary(await (await adminCalls(connection)).importKey(key));
}

export async function renameAccessKey(
  connection: Connection,
  accessKeyId: string,
  name: string,
): Promise<AccessKeySummary> {
  return toSummary(await (await adminCalls(connection)).updateKey(accessKeyId, { name }));
}

export async function deleteAccessKey(connection: Connection, accessKeyId: string): Promise<void> {
  await (await adminCalls(connection)).deleteKey(accessKeyId);
}
