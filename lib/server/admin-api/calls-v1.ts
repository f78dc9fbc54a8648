import "server-only";
import createClient from "openapi-fetch";
import { AdminApiError } from "@/lib/admin-api/errors";
import type { components } from "@/lib/admin-api/schema-v1.gen";
import type { paths } from "@/lib/admin-api/schema-v1.gen";
import type { Connection } from "@/lib/server/connections";
import type { AdminCalls, BucketInfo, KeyInfo } from "./calls";
import { requestSignal, unwrap } from "./client";

/**
 * Garage 0.9–1.x (admin API v1, and v0 of 0.7–0.8, whose bucket and key endpoints are
 * the same) translated to v2's shapes. These versions know no creation dates, key
 * expiry, CORS or lifecycle rules through the admin API: dates are null, and a change
 * that needs them is refused with UnsupportedVersion (the pages do not offer it).
 */
type V1 = components["schemas"];

function unsupported(what: string): AdminApiError {
  return new AdminApiError(400, "UnsupportedVersion", `${what} needs Garage v2's admin API.`);
}

function bucketFromV1(info: V1["BucketInfo"]): BucketInfo {
  if (!info.id) throw new AdminApiError(502, "InvalidResponse", "The cluster answered a bucket without its id.");
  return {
    id: info.id,
    created: null,
    globalAliases: info.globalAliases ?? [],
    keys: (info.keys ?? []).map((key) => ({
      accessKeyId: key.accessKeyId ?? "",
      name: key.name ?? "",
      permissions: {
        read: key.permissions?.read ?? false,
        write: key.permissions?.write ?? false,
        owner: key.permissions?.owner ?? false,
      },
      bucketLocalAliases: key.bucketLocalAliases ?? [],
    })),
    objects: info.objects ?? 0,
    bytes: info.bytes ?? 0,
    unfinishedUploads: info.unfinishedUploads ?? 0,
    quotas: { maxSize: info.quotas?.maxSize ?? null, maxObjects: info.quotas?.maxObjects ?? null },
    websiteAccess: info.websiteAccess ?? false,
    websiteConfig: info.websiteConfig?.indexDocument
      ? { indexDocument: info.websiteConfig.indexDocument, errorDocument: info.websiteConfig.errorDocument ?? null }
      : null,
    corsRules: null,
    lifecycleRules: null,
  };
}

function keyFromV1(info: V1["KeyInfo"]): KeyInfo {
  if (!info.accessKeyId) throw new AdminApiError(502, "InvalidResponse", "The cluster answered a key without its id.");
  return {
    accessKeyId: info.accessKeyId,
    name: info.name ?? "",
    created: null,
    expiration: null,
    expired: false,
    secretAccessKey: info.secretAccessKey ?? null,
    permissions: { createBucket: info.permissions?.createBucket ?? false },
    buckets: (info.buckets ?? []).flatMap((bucket) =>
      bucket.id
        ? [
            {
              id: bucket.id,
              globalAliases: bucket.globalAliases ?? [],
              localAliases: bucket.localAliases ?? [],
              permissions: flags(bucket.permissions ?? {}),
            },
          ]
        : [],
    ),
  };
}

/** Garage's Allow/Deny take all three flags; a flag left out is not changed, as false says. */
function flags(permissions: { read?: boolean; write?: boolean; owner?: boolean }) {
  return { read: permissions.read ?? false, write: permissions.write ?? false, owner: permissions.owner ?? false };
}

export function oldAdminCalls(connection: Connection, apiVersion: "v1" | "v0"): AdminCalls {
  const client = createClient<paths>({
    baseUrl: `${connection.adminUrl}/${apiVersion}`,
    headers: { Authorization: `Bearer ${connection.adminToken}` },
    cache: "no-store",
  });
  const signal = requestSignal;
  const byId = (id: string) => ({ params: { query: { id } }, signal: signal() });
  const calls: AdminCalls = {
    listBuckets: async () =>
      (await unwrap(client.GET("/bucket?list", { signal: signal() }))).map((item) => ({
        id: item.id,
        created: null,
        globalAliases: item.globalAliases ?? [],
        localAliases: item.localAliases ?? [],
      })),
    getBucketInfo: async (id) => bucketFromV1(await unwrap(client.GET("/bucket", byId(id)))),
    getBucketInfoByAlias: async (globalAlias) =>
      bucketFromV1(await unwrap(client.GET("/bucket", { params: { query: { globalAlias } }, signal: signal() }))),
    createBucket: async ({ globalAlias, localAlias }) => {
      const body = {
        ...(globalAlias ? { globalAlias } : {}),
        ...(localAlias ? { localAlias: { ...localAlias, allow: flags(localAlias.allow ?? {}) } } : {}),
      };
      return bucketFromV1(await unwrap(client.POST("/bucket", { body, signal: signal() })));
    },
    updateBucket: async (id, { websiteAccess, quotas, corsRules, lifecycleRules }) => {
      if (corsRules !== undefined) throw unsupported("Setting CORS rules through the admin API");
      if (lifecycleRules !== undefined) throw unsupported("Setting lifecycle rules through the admin API");
      const body = {
        ...(websiteAccess
          ? {
              websiteAccess: {
                enabled: websiteAccess.enabled,
                ...(websiteAccess.indexDocument ? { indexDocument: websiteAccess.indexDocument } : {}),
                ...(websiteAccess.errorDocument ? { errorDocument: websiteAccess.errorDocument } : {}),
              },
            }
          : {}),
        ...(quotas ? { quotas } : {}),
      };
      return bucketFromV1(await unwrap(client.PUT("/bucket", { ...byId(id), body })));
    },
    deleteBucket: async (id) => {
      await unwrap(client.DELETE("/bucket", byId(id)));
    },
    addBucketAlias: async (alias) =>
      bucketFromV1(
        await unwrap(
          "globalAlias" in alias
            ? client.PUT("/bucket/alias/global", globalAlias(alias))
            : client.PUT("/bucket/alias/local", localAlias(alias)),
        ),
      ),
    removeBucketAlias: async (alias) =>
      bucketFromV1(
        await unwrap(
          "globalAlias" in alias
            ? client.DELETE("/bucket/alias/global", globalAlias(alias))
            : client.DELETE("/bucket/alias/local", localAlias(alias)),
        ),
      ),
    allowBucketKey: async ({ permissions, ...target }) =>
      bucketFromV1(
        await unwrap(
          client.POST("/bucket/allow", { body: { ...target, permissions: flags(permissions) }, signal: signal() }),
        ),
      ),
    denyBucketKey: async ({ permissions, ...target }) =>
      bucketFromV1(
        await unwrap(
          client.POST("/bucket/deny", { body: { ...target, permissions: flags(permissions) }, signal: signal() }),
        ),
      ),
    listKeys: async () =>
      (await unwrap(client.GET("/key?list", { signal: signal() }))).map((item) => ({
        id: item.id,
        name: item.name ?? "",
        created: null,
        expiration: null,
        expired: false,
      })),
    getKeyInfo: async (id, showSecretKey) =>
      keyFromV1(
        await unwrap(
          client.GET("/key", {
            params: { query: { id, showSecretKey: showSecretKey ? "true" : "false" } },
            signal: signal(),
          }),
        ),
      ),
    createKey: async ({ name, expiration, allow }) => {
      if (expiration) throw unsupported("A key that expires");
      const created = keyFromV1(
        await unwrap(client.POST("/key?list", { body: { name: name ?? null }, signal: signal() })),
      );
      if (!allow?.createBucket) return created;
      // v1's CreateKey takes a name only; the permission is a second call. Its answer has no secret.
      const updated = await calls.updateKey(created.accessKeyId, { allow });
      return { ...updated, secretAccessKey: created.secretAccessKey };
    },
    importKey: async ({ name, accessKeyId, secretAccessKey }) =>
      keyFromV1(
        await unwrap(
          client.POST("/key/import", { body: { name: name ?? null, accessKeyId, secretAccessKey }, signal: signal() }),
        ),
      ),
    updateKey: async (id, { name, allow, deny, expiration }) => {
      if (expiration) throw unsupported("A key that expires");
      const body = {
        ...(name ? { name } : {}),
        ...(allow ? { allow: { createBucket: allow.createBucket } } : {}),
        ...(deny ? { deny: { createBucket: deny.createBucket } } : {}),
      };
      return keyFromV1(await unwrap(client.POST("/key", { ...byId(id), body })));
    },
    deleteKey: async (id) => {
      await unwrap(client.DELETE("/key", byId(id)));
    },
  };
  function globalAlias(alias: { bucketId: string; globalAlias: string }) {
    return { params: { query: { id: alias.bucketId, alias: alias.globalAlias } }, signal: signal() };
  }
  function localAlias(alias: { bucketId: string; accessKeyId: string; localAlias: string }) {
    return {
      params: { query: { id: alias.bucketId, accessKeyId: alias.accessKeyId, alias: alias.localAlias } },
      signal: signal(),
    };
  }
  return calls;
}
