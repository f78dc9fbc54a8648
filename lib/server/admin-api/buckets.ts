import "server-only";
import type { Connection } from "@/lib/server/connections";
import { corsFromApi, lifecycleFromApi } from "@/lib/admin-api/buckets-rules-api";
import type {
  BucketDetail,
  BucketSummary,
  CorsRule,
  LifecycleRule,
  Quotas,
  WebEndpoint,
} from "@/lib/admin-api/buckets";
import { AdminApiError } from "@/lib/admin-api/errors";
import type { components } from "@/contracts/garage-admin-v2.gen";
import { adminCalls, type AliasChange, type BucketInfo } from "./calls";
import { publicBucketIds } from "./bucket-exposure";
import { bucketInfosOf, mapBounded } from "./bucket-infos";

/**
 * Buckets through the admin API, whatever version the cluster speaks (see ./calls):
 * list with usage, detail, create, update, aliases, delete.
 */
export type { AliasChange } from "./calls";

/** GetBucketInfo per bucket is the only source of usage; bound the fan-out. */
const bucketInfoConcurrency = 8;

export function bucketDisplayName(bucket: {
  id: string;
  globalAliases: string[];
  localAliases?: { alias: string }[];
}): string {
  return bucket.globalAliases[0] ?? bucket.localAliases?.[0]?.alias ?? bucket.id.slice(0, 16);
}

function toSummary(info: BucketInfo): BucketSummary {
  const localAliases = info.keys.flatMap((key) =>
    key.bucketLocalAliases.map((alias) => ({ accessKeyId: key.accessKeyId, alias })),
  );
  return {
    id: info.id,
    name: bucketDisplayName({ id: info.id, globalAliases: info.globalAliases, localAliases }),
    created: info.created ?? null,
    globalAliases: info.globalAliases,
    localAliases,
    objects: info.objects,
    bytes: info.bytes,
    quotas: { maxSizeBytes: info.quotas.maxSize ?? null, maxObjects: info.quotas.maxObjects ?? null },
    websiteAccess: info.websiteAccess,
    public: false,
  };
}

function toDetail(info: BucketInfo): BucketDetail {
  return {
    ...toSummary(info),
    website:
      info.websiteAccess && info.websiteConfig
        ? { indexDocument: info.websiteConfig.indexDocument, errorDocument: info.websiteConfig.errorDocument ?? null }
        : null,
    keys: info.keys.map((key) => ({
      accessKeyId: key.accessKeyId,
      name: key.name,
      permissions: {
        read: key.permissions.read ?? false,
        write: key.permissions.write ?? false,
        owner: key.permissions.owner ?? false,
      },
      localAliases: key.bucketLocalAliases,
    })),
    unfinishedUploads: info.unfinishedUploads,
    corsRules: corsFromApi(info.corsRules),
    lifecycleRules: lifecycleFromApi(info.lifecycleRules),
  };
}

export async function readBucketInfo(connection: Connection, bucketId: string): Promise<BucketInfo> {
  return (await adminCalls(connection)).getBucketInfo(bucketId);
}

/** Every bucket with its info (usage, grants), read with bounded concurrency. */
export async function listBucketInfos(connection: Connection): Promise<BucketInfo[]> {
  const calls = await adminCalls(connection);
  const items = await calls.listBuckets();
  return mapBounded(items, bucketInfoConcurrency, (item) => calls.getBucketInfo(item.id));
}

export async function listBuckets(connection: Connection): Promise<BucketSummary[]> {
  const [infos, publicIds] = await Promise.all([listBucketInfos(connection), publicBucketIds(connection)]);
  return infos
    .map((info) => ({ ...toSummary(info), public: publicIds.has(info.id) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Summaries of some buckets only (a page of a list): their GetBucketInfo in one call (bucket-infos.ts),
 * marked public from an exposure read the caller made beside its listing. A bucket deleted since it was
 * listed is left out of the map.
 */
export async function bucketSummaries(
  connection: Connection,
  bucketIds: string[],
  publicIds: ReadonlySet<string>,
): Promise<Map<string, BucketSummary>> {
  const infos = await bucketInfosOf(connection, bucketIds);
  return new Map(
    [...infos.values()].map((info) => [info.id, { ...toSummary(info), public: publicIds.has(info.id) }] as const),
  );
}

export async function getBucket(connection: Connection, bucketId: string): Promise<BucketDetail> {
  const [info, publicIds] = await Promise.all([readBucketInfo(connection, bucketId), publicBucketIds(connection)]);
  return { ...toDetail(info), public: publicIds.has(info.id) };
}

export type NewBucket = { globalAlias: string } | { localAlias: string; accessKeyId: string };

export async function createBucket(connection: Connection, bucket: NewBucket): Promise<BucketSummary> {
  const body =
    "globalAlias" in bucket
      ? { globalAlias: bucket.globalAlias }
      : {
          localAlias: {
            accessKeyId: bucket.accessKeyId,
            alias: bucket.localAlias,
            allow: { read: true, write: true, owner: true },
          },
        };
  return toSummary(await (await adminCalls(connection)).createBucket(body));
}

export type BucketChange =
  | { quotas: Quotas }
  | { website: { indexDocument: string; errorDocument: string | null } | null }
  | { corsRules: CorsRule[] }
  | { lifecycleRules: LifecycleRule[] };

function changeBody(change: BucketChange): components["schemas"]["UpdateBucketRequestBody"] {
  if ("quotas" in change)
    return { quotas: { maxSize: change.quotas.maxSizeBytes, maxObjects: change.quotas.maxObjects } };
  if ("website" in change) {
    return {
      websiteAccess: change.website
        ? { enabled: true, indexDocument: change.website.indexDocument, errorDocument: change.website.errorDocument }
        : { enabled: false },
    };
  }
  // Rules travel in the API's own names: sent as they are, every field kept.
  if ("corsRules" in change) return { corsRules: change.corsRules.length ? change.corsRules : null };
  return { lifecycleRules: change.lifecycleRules.length ? change.lifecycleRules : null };
}

export async function updateBucket(
  connection: Connection,
  bucketId: string,
  change: BucketChange,
): Promise<BucketDetail> {
  return toDetail(await (await adminCalls(connection)).updateBucket(bucketId, changeBody(change)));
}

export async function addBucketAlias(connection: Connection, alias: AliasChange): Promise<BucketDetail> {
  return toDetail(await (await adminCalls(connection)).addBucketAlias(alias));
}

export async function removeBucketAlias(connection: Connection, alias: AliasChange): Promise<BucketDetail> {
  return toDetail(await (await adminCalls(connection)).removeBucketAlias(alias));
}

/** A refusal that carries what a person needs: how many objects are in the way. */
export class BucketNotEmptyError extends Error {
  override name = "BucketNotEmptyError";
  constructor(readonly objects: number) {
    super(`bucket not empty: ${objects} objects`);
  }
}

export async function deleteBucket(connection: Connection, bucketId: string): Promise<void> {
  try {
    await (await adminCalls(connection)).deleteBucket(bucketId);
  } catch (error) {
    if (!(error instanceof AdminApiError && error.code === "BucketNotEmpty")) throw error;
    const info = await readBucketInfo(connection, bucketId);
    throw new BucketNotEmptyError(info.objects);
  }
}

/**
 * Where websites are served. The embedded engine's web port and root domain come from
 * the environment `npm start` sets; a remote cluster's web endpoint is not known here.
 */
export function webEndpoint(
  connection: Connection,
  env: Record<string, string | undefined> = process.env,
): WebEndpoint {
  if (connection.id !== "local") return { baseUrl: null, rootDomain: null };
  const rootDomain = env.CARPORT_WEB_ROOT_DOMAIN ? `.${env.CARPORT_WEB_ROOT_DOMAIN.replace(/^\./, "")}` : null;
  return { baseUrl: `http://127.0.0.1:${env.CARPORT_WEB_PORT ?? 3902}`, rootDomain };
}
