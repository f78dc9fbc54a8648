import "server-only";
import { z } from "zod";
import { bucketIdByName, getScopedBucket, listScopedBuckets } from "@/lib/server/tenancy/buckets-read";
import { createScopedBucket, setScopedQuotas } from "@/lib/server/tenancy/buckets-write";
import { createHikubeBucket, deleteBucketWithManifest } from "@/lib/server/hikube/buckets";
import { defineRoute } from "../route";
import { bucket, bucketDetail, listOf } from "../schemas";
import { bucketCreation, bucketResource, documentedBucketCreation } from "../seed-schemas";
import { namedTenant } from "./scope-filter";
import { bucketDetailShape, bucketShape } from "./shapes";
import { bucketResourceShape } from "./secrets";

const byName = z.object({ name: z.string().min(1).max(255) });
const read = "tenant:read" as const;
const write = "tenant:write" as const;

export const bucketRoutes = [
  defineRoute({
    method: "GET",
    path: "/buckets",
    summary: "The caller's buckets: a tenant's own; an operator's all, or one tenant's with ?tenant=.",
    need: read,
    query: z.object({ tenant: z.string().optional() }),
    status: 200,
    response: listOf(bucket),
    async handle({ store, scope }, { query }) {
      const tenantId = namedTenant(scope, query.tenant);
      return { items: (await listScopedBuckets(store, scope, { tenantId })).map(bucketShape) };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/buckets",
    summary:
      "Creates a bucket by name, with a quota within the tenant's byte limit; or from Hikube's Bucket manifest (YAML or JSON), with its key and Secret bucket-<name> (operators name the tenant with ?tenant=).",
    need: write,
    query: z.object({ tenant: z.string().optional() }),
    body: bucketCreation,
    bodyTypes: ["json", "yaml"],
    documentedBody: documentedBucketCreation,
    status: 201,
    response: z.union([bucket, bucketResource]),
    async handle({ store, scope }, { query, body }) {
      if (body.manifest)
        return bucketResourceShape(
          await createHikubeBucket(store, scope, body.manifest, namedTenant(scope, query.tenant)),
        );
      const plain = body.plain;
      const tenantId = namedTenant(scope, plain.tenant);
      const created = await createScopedBucket(store, scope, {
        name: plain.name,
        quotaBytes: plain.quotaBytes,
        tenantId,
      });
      return bucketShape(await getScopedBucket(store, scope, created.id));
    },
  }),
  defineRoute({
    method: "GET",
    path: "/buckets/{name}",
    summary: "One bucket, by the name the tenant gave it (operators: a global alias or an id).",
    need: read,
    params: byName,
    status: 200,
    response: bucketDetail,
    async handle({ store, scope }, { params }) {
      return bucketDetailShape(await getScopedBucket(store, scope, await bucketIdByName(store, scope, params.name)));
    },
  }),
  defineRoute({
    method: "PATCH",
    path: "/buckets/{name}",
    summary: "Resizes a bucket's quota; a tenant's quotas stay within its byte limit.",
    need: write,
    params: byName,
    body: z.object({ quotaBytes: z.number().int().positive() }).meta({ id: "BucketChange" }),
    status: 200,
    response: bucketDetail,
    async handle({ store, scope }, { params, body }) {
      const bucketId = await bucketIdByName(store, scope, params.name);
      await setScopedQuotas(store, scope, bucketId, { maxSizeBytes: body.quotaBytes, maxObjects: null });
      return bucketDetailShape(await getScopedBucket(store, scope, bucketId));
    },
  }),
  defineRoute({
    method: "DELETE",
    path: "/buckets/{name}",
    summary:
      "Deletes a bucket (409 BucketNotEmpty with its object count, unless ?force=true empties it first); a Hikube bucket's key and Secret go with it.",
    need: write,
    params: byName,
    query: z.object({ force: z.enum(["true", "false"]).optional() }),
    status: 204,
    async handle({ store, scope }, { params, query }) {
      const bucketId = await bucketIdByName(store, scope, params.name);
      await deleteBucketWithManifest(store, scope, bucketId, { force: query.force === "true" });
    },
  }),
];
