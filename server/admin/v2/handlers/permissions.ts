import { z } from "zod";
import type { V2OperationTable } from "../contract";
import { defineOperation } from "../define";
import { bucketInfo } from "../render";
import type { AdminRequestContext } from "../../context";

/** Allow/DenyBucketKey (only flags sent as true change) and bucket aliases. */

const permChange = z.object({
  bucketId: z.string().min(1),
  accessKeyId: z.string().min(1),
  permissions: z.object({ read: z.boolean().optional(), write: z.boolean().optional(), owner: z.boolean().optional() }),
});

async function changePermission(context: AdminRequestContext, body: z.infer<typeof permChange>, allow: boolean) {
  const bucket = await context.admin.engine.buckets.changeKeyPermission(
    body.bucketId,
    body.accessKeyId,
    body.permissions,
    allow,
  );
  return bucketInfo(context.admin.engine, bucket);
}

const aliasBody = z.union([
  z.object({ bucketId: z.string().min(1), globalAlias: z.string().min(1) }),
  z.object({ bucketId: z.string().min(1), accessKeyId: z.string().min(1), localAlias: z.string().min(1) }),
]);

async function changeAlias(context: AdminRequestContext, body: z.infer<typeof aliasBody>, add: boolean) {
  const buckets = context.admin.engine.buckets;
  const bucket =
    "globalAlias" in body
      ? add
        ? await buckets.addGlobalAlias(body.bucketId, body.globalAlias)
        : await buckets.removeGlobalAlias(body.bucketId, body.globalAlias)
      : add
        ? await buckets.addLocalAlias(body.bucketId, body.accessKeyId, body.localAlias)
        : await buckets.removeLocalAlias(body.bucketId, body.accessKeyId, body.localAlias);
  return bucketInfo(context.admin.engine, bucket);
}

export const permissionOperations = {
  AllowBucketKey: defineOperation({
    body: permChange,
    handle: (context, { body }) => changePermission(context, body, true),
  }),
  DenyBucketKey: defineOperation({
    body: permChange,
    handle: (context, { body }) => changePermission(context, body, false),
  }),
  AddBucketAlias: defineOperation({ body: aliasBody, handle: (context, { body }) => changeAlias(context, body, true) }),
  RemoveBucketAlias: defineOperation({
    body: aliasBody,
    handle: (context, { body }) => changeAlias(context, body, false),
  }),
} satisfies Partial<V2OperationTable>;
