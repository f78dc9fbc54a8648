import "server-only";
import { z } from "zod";
import { bucketIdByName } from "@/lib/server/tenancy/buckets-read";
import { setScopedGrant } from "@/lib/server/tenancy/grants";
import {
  createScopedKey,
  deleteScopedKey,
  getScopedKey,
  listScopedKeys,
  readScopedSecret,
} from "@/lib/server/tenancy/keys";
import { assertKeyInScope } from "@/lib/server/tenancy/scope";
import { defineRoute } from "../route";
import { createdKey, grantChange, key, keyDetail, listOf, newKey, permissions } from "../schemas";
import { namedTenant } from "./scope-filter";
import { keyDetailShape, keyShape } from "./shapes";

const byId = z.object({ accessKeyId: z.string().min(1).max(128) });
const read = "tenant:read" as const;
const write = "tenant:write" as const;

export const keyRoutes = [
  defineRoute({
    method: "GET",
    path: "/keys",
    summary: "The caller's access keys (never their secrets): a tenant's own; an operator's all, or ?tenant=.",
    need: read,
    query: z.object({ tenant: z.string().optional() }),
    status: 200,
    response: listOf(key),
    async handle({ store, scope }, { query }) {
      const keys = await listScopedKeys(store, scope, { tenantId: namedTenant(scope, query.tenant) });
      return { items: keys.map(keyShape) };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/keys",
    summary: "Creates an access key; the answer is the one place its secret is shown unasked.",
    need: write,
    body: newKey,
    status: 201,
    response: createdKey,
    async handle({ store, scope }, { body }) {
      const created = await createScopedKey(store, scope, {
        name: body.name,
        tenantId: namedTenant(scope, body.tenant),
      });
      return { accessKeyId: created.id, secretAccessKey: created.secretAccessKey, name: created.name };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/keys/{accessKeyId}",
    summary: "One access key and its grants; its secret only with ?showSecret=true.",
    need: read,
    params: byId,
    query: z.object({
      showSecret: z
        .enum(["true", "false"])
        .optional()
        .transform((value) => value === "true"),
    }),
    status: 200,
    response: keyDetail,
    async handle({ store, scope }, { params, query }) {
      const detail = await getScopedKey(store, scope, params.accessKeyId);
      const secret = query.showSecret ? await readScopedSecret(store, scope, params.accessKeyId) : undefined;
      return keyDetailShape(detail, secret);
    },
  }),
  defineRoute({
    method: "DELETE",
    path: "/keys/{accessKeyId}",
    summary: "Deletes an access key.",
    need: write,
    params: byId,
    status: 204,
    async handle({ store, scope }, { params }) {
      await deleteScopedKey(store, scope, params.accessKeyId);
    },
  }),
  defineRoute({
    method: "PUT",
    path: "/keys/{accessKeyId}/buckets/{name}",
    summary: "Sets exactly the given rights of a key on a bucket (false revokes); both must be the caller's.",
    need: write,
    params: byId.extend({ name: z.string().min(1).max(255) }),
    body: grantChange,
    status: 200,
    response: permissions,
    async handle({ store, scope }, { params, body }) {
      assertKeyInScope(store, scope, params.accessKeyId);
      const bucketId = await bucketIdByName(store, scope, params.name);
      return setScopedGrant(store, scope, { bucketId, accessKeyId: params.accessKeyId, flags: body });
    },
  }),
];
