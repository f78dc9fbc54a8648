import { z } from "zod";
import { AdminError } from "../errors";

/**
 * v1 request bodies (and the v0 ones that did not change), as zod schemas, and
 * their translation to v2 request bodies. Only the fields each old version
 * defines are read: a v1 client cannot reach v2-only settings (expiration,
 * CORS, lifecycle) through the v1 path.
 */

/** Parses a request body; the message names the version's own fields. */
export function parseBody<S extends z.ZodType>(shape: S, body: unknown): z.infer<S> {
  const parsed = shape.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const at = issue && issue.path.length > 0 ? ` at ${issue.path.map(String).join(".")}` : "";
  throw new AdminError("InvalidRequest", `Invalid request body${at}: ${issue?.message ?? "malformed"}`);
}

const bucketPerm = z.object({
  read: z.boolean().optional(),
  write: z.boolean().optional(),
  owner: z.boolean().optional(),
});

const keyPerm = z.object({ createBucket: z.boolean().optional() });

export const connectBody = z.array(z.string());

/** v1 UpdateClusterLayout: removals or full roles (capacity in bytes, null for a gateway). */
export const v1LayoutChanges = z.array(
  z.union([
    z.object({ id: z.string(), remove: z.literal(true) }),
    z.object({
      id: z.string(),
      zone: z.string(),
      capacity: z.number().int().nullable(),
      tags: z.array(z.string()),
    }),
  ]),
);

export const layoutVersionBody = z.object({ version: z.number().int().nonnegative() });

/** v1 (1.x) RevertClusterLayout has no body; 0.9 clients still send `{version}`. */
export const optionalLayoutVersionBody = z
  .object({ version: z.number().int().nonnegative().optional() })
  .optional()
  .nullable();

export const createKeyBody = z.object({ name: z.string().nullable().optional() }).optional().nullable();

export const importKeyBody = z.object({
  accessKeyId: z.string(),
  secretAccessKey: z.string(),
  name: z.string().nullable().optional(),
});

export const updateKeyBody = z.object({
  name: z.string().nullable().optional(),
  allow: keyPerm.nullable().optional(),
  deny: keyPerm.nullable().optional(),
});

export const createBucketBody = z
  .object({
    globalAlias: z.string().nullable().optional(),
    localAlias: z
      .object({ accessKeyId: z.string(), alias: z.string(), allow: bucketPerm.optional() })
      .nullable()
      .optional(),
  })
  .optional()
  .nullable();

export const updateBucketBody = z.object({
  websiteAccess: z
    .object({
      enabled: z.boolean(),
      indexDocument: z.string().nullable().optional(),
      errorDocument: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
  quotas: z
    .object({ maxSize: z.number().int().nullable().optional(), maxObjects: z.number().int().nullable().optional() })
    .nullable()
    .optional(),
});

export const bucketKeyPermBody = z.object({
  bucketId: z.string(),
  accessKeyId: z.string(),
  permissions: bucketPerm,
});

/** Drops undefined members so the v2 body carries only what the client sent. */
function defined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as Partial<T>;
}

export function v2CreateKey(body: z.infer<typeof createKeyBody>): Record<string, unknown> {
  return defined({ name: body?.name ?? undefined });
}

export function v2ImportKey(body: z.infer<typeof importKeyBody>): Record<string, unknown> {
  return defined({ accessKeyId: body.accessKeyId, secretAccessKey: body.secretAccessKey, name: body.name });
}

export function v2UpdateKey(body: z.infer<typeof updateKeyBody>): Record<string, unknown> {
  return defined({ name: body.name, allow: body.allow, deny: body.deny });
}

export function v2CreateBucket(body: z.infer<typeof createBucketBody>): Record<string, unknown> {
  return defined({ globalAlias: body?.globalAlias, localAlias: body?.localAlias });
}

/**
 * v0/v1 quotas: "an absent value is the same as null", both are always set
 * together; v2 reads the object the same way, so it is sent whole.
 */
export function v2UpdateBucket(body: z.infer<typeof updateBucketBody>): Record<string, unknown> {
  const quotas = body.quotas
    ? { maxSize: body.quotas.maxSize ?? null, maxObjects: body.quotas.maxObjects ?? null }
    : body.quotas;
  return defined({ websiteAccess: body.websiteAccess, quotas });
}

export function v2BucketKeyPerm(body: z.infer<typeof bucketKeyPermBody>): Record<string, unknown> {
  return { bucketId: body.bucketId, accessKeyId: body.accessKeyId, permissions: body.permissions };
}

export function v2LayoutUpdate(changes: z.infer<typeof v1LayoutChanges>): Record<string, unknown> {
  return { roles: changes };
}
