import { z } from "zod";
import type { V2OperationTable } from "../contract";
import { defineOperation, queryBoolean } from "../define";
import { keyInfo, keyListItem } from "../render";
import type { AdminRequestContext } from "../../context";
import { AdminError } from "../../errors";
import { limits } from "../../../util/limits";
import type { AccessKeyRecord } from "../../../engine/metadata/records";

/** S3 access keys: list, get (by id or search), create, import, update, delete. */

const keyPerm = z.object({ createBucket: z.boolean().optional() }).nullable().optional();
export const updateKeyBody = z
  .object({
    name: z.string().max(limits.maxNameLength).nullable().optional(),
    expiration: z.iso.datetime({ offset: true }).nullable().optional(),
    neverExpires: z.boolean().optional(),
    allow: keyPerm,
    deny: keyPerm,
  })
  .default({});

type KeyChange = z.infer<typeof updateKeyBody>;

function applyChange(key: AccessKeyRecord, change: KeyChange): AccessKeyRecord {
  if (change.neverExpires && change.expiration)
    throw new AdminError("InvalidRequest", "Give either expiration or neverExpires, not both.");
  const next = { ...key };
  if (change.name !== undefined && change.name !== null) next.name = change.name;
  if (change.expiration) next.expirationMs = Date.parse(change.expiration);
  if (change.neverExpires) next.expirationMs = null;
  if (change.allow?.createBucket) next.allowCreateBucket = true;
  if (change.deny?.createBucket) next.allowCreateBucket = false;
  return next;
}

function findKey(context: AdminRequestContext, query: { id?: string; search?: string }): AccessKeyRecord {
  const keys = context.admin.engine.keys;
  if (query.id !== undefined) return keys.require(query.id);
  if (query.search !== undefined) return keys.find(query.search);
  throw new AdminError("InvalidRequest", "Give either id or search.");
}

async function deleteKey(context: AdminRequestContext, accessKeyId: string): Promise<undefined> {
  await context.admin.engine.deleteAccessKey(accessKeyId);
  return undefined;
}

const idQuery = z.object({ id: z.string().min(1) });

export const keyOperations = {
  ListKeys: defineOperation({ handle: (context) => context.admin.engine.keys.list().map((key) => keyListItem(key)) }),
  GetKeyInfo: defineOperation({
    query: z.object({
      id: z.string().optional(),
      search: z.string().optional(),
      showSecretKey: queryBoolean.optional(),
    }),
    handle: (context, { query }) =>
      keyInfo(context.admin.engine, findKey(context, query), query.showSecretKey ?? false),
  }),
  CreateKey: defineOperation({
    body: updateKeyBody,
    handle: async (context, { body }) => {
      const draft = applyChange(
        {
          v: 1,
          accessKeyId: "",
          secretAccessKey: "",
          name: "Unnamed key",
          createdMs: 0,
          expirationMs: null,
          allowCreateBucket: false,
        },
        body,
      );
      const key = await context.admin.engine.keys.create({
        name: draft.name,
        expirationMs: draft.expirationMs,
        allowCreateBucket: draft.allowCreateBucket,
      });
      return keyInfo(context.admin.engine, key, true);
    },
  }),
  ImportKey: defineOperation({
    body: z.object({
      accessKeyId: z.string().min(1),
      secretAccessKey: z.string().min(1),
      name: z.string().max(limits.maxNameLength).nullable().optional(),
    }),
    handle: async (context, { body }) => {
      const key = await context.admin.engine.keys.create({
        name: body.name ?? "Imported key",
        accessKeyId: body.accessKeyId,
        secretAccessKey: body.secretAccessKey,
      });
      return keyInfo(context.admin.engine, key, true);
    },
  }),
  UpdateKey: defineOperation({
    query: idQuery,
    body: updateKeyBody,
    handle: async (context, { query, body }) => {
      const key = await context.admin.engine.keys.update(query.id, (record) => applyChange(record, body));
      return keyInfo(context.admin.engine, key, false);
    },
  }),
  DeleteKey: defineOperation({ query: idQuery, handle: (context, { query }) => deleteKey(context, query.id) }),
} satisfies Partial<V2OperationTable>;
