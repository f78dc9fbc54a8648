import "server-only";
import { z } from "zod";
import { roles } from "@/lib/auth/roles";
import {
  maxPasswordLength,
  maxTenantNameLength,
  maxUserNameLength,
  minPasswordLength,
  tenantLimitBounds,
} from "@/lib/tenancy/limits";

/**
 * The console API's shapes: the same zod schemas validate requests and generate the
 * OpenAPI document (./openapi). `.meta({ id })` names a shape in the document's components.
 */
const count = (maximum: number) => z.number().int().nonnegative().max(maximum);
const bytes = z.number().int().nonnegative().max(tenantLimitBounds.maxBytes);

export const errorBody = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .meta({ id: "Error", description: "Every refusal: a code for scripts and a sentence for people." });

export const tenantRef = z.object({ id: z.string(), name: z.string() }).meta({ id: "TenantRef" });

export const tenantLimits = z
  .object({
    maxBuckets: count(tenantLimitBounds.maxBuckets),
    maxBytes: bytes.describe("The sum of the tenant's bucket quotas never exceeds this."),
    maxKeys: count(tenantLimitBounds.maxKeys),
    defaultBucketQuotaBytes: bytes
      .positive()
      .describe("The quota of a bucket created without one (capped at what is left)."),
  })
  .meta({ id: "TenantLimits" });

export const tenant = z
  .object({
    id: z.string(),
    name: z.string(),
    limits: tenantLimits,
    connectionId: z.string(),
    disabled: z.boolean(),
    createdAt: z.string(),
    usage: z.object({ buckets: z.number(), keys: z.number(), allocatedBytes: z.number() }),
  })
  .meta({ id: "Tenant" });

const tenantName = z.string().trim().min(1).max(maxTenantNameLength);

export const newTenant = z
  .object({
    name: tenantName,
    limits: tenantLimits.partial().optional().describe("Omitted limits take the defaults."),
    connectionId: z.string().min(1).max(64).optional().describe("The cluster it lives on; `local` by default."),
  })
  .meta({ id: "NewTenant" });

export const tenantChange = z
  .object({ name: tenantName, limits: tenantLimits.partial(), disabled: z.boolean() })
  .partial()
  .meta({ id: "TenantChange" });

export const role = z.enum(roles);

export const user = z
  .object({
    id: z.string(),
    name: z.string(),
    role,
    tenant: tenantRef.nullable(),
    disabled: z.boolean(),
    oidc: z.boolean().describe("Created by a single sign-on; may have no password."),
    createdAt: z.string(),
  })
  .meta({ id: "User" });

const password = z.string().min(minPasswordLength).max(maxPasswordLength);

export const newUser = z
  .object({
    name: z.string().trim().min(1).max(maxUserNameLength),
    password,
    role,
    tenant: z.string().nullable().describe("The tenant id for a `tenant` user; null otherwise."),
  })
  .meta({ id: "NewUser" });

export const userChange = z
  .object({ password, role, tenant: z.string().nullable(), disabled: z.boolean() })
  .partial()
  .meta({ id: "UserChange" });

export const permissions = z
  .object({ read: z.boolean(), write: z.boolean(), owner: z.boolean() })
  .meta({ id: "Permissions" });

export const bucket = z
  .object({
    id: z.string(),
    name: z.string().describe("For a tenant, the name it gave the bucket; else its first global alias."),
    globalAliases: z.array(z.string()),
    tenant: tenantRef.nullable(),
    objects: z.number(),
    bytes: z.number(),
    quotaBytes: z.number().nullable(),
    maxObjects: z.number().nullable(),
    createdAt: z.string().nullable(),
  })
  .meta({ id: "Bucket" });

export const bucketDetail = bucket
  .extend({
    keys: z.array(z.object({ accessKeyId: z.string(), name: z.string() }).extend(permissions.shape)),
  })
  .meta({ id: "BucketDetail" });

export const bucketName = z
  .string()
  .trim()
  .regex(
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
    "Use 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.",
  );

export const newBucket = z
  .object({
    name: bucketName,
    quotaBytes: bytes.positive().optional().describe("Omitted: the tenant's default, capped at what is left."),
    tenant: z.string().optional().describe("Operators only: the tenant the bucket is for."),
  })
  .meta({ id: "NewBucket" });

export const key = z
  .object({
    accessKeyId: z.string(),
    name: z.string(),
    tenant: tenantRef.nullable(),
    createdAt: z.string().nullable(),
    expiration: z.string().nullable(),
    expired: z.boolean(),
  })
  .meta({ id: "Key" });

export const keyDetail = key
  .extend({
    buckets: z.array(z.object({ bucketId: z.string(), name: z.string() }).extend(permissions.shape)),
    secretAccessKey: z.string().optional().describe("Only with ?showSecret=true."),
  })
  .meta({ id: "KeyDetail" });

export const newKey = z
  .object({
    name: z.string().trim().min(1).max(200),
    tenant: z.string().optional().describe("Operators only: the tenant the key is for."),
  })
  .meta({ id: "NewKey" });

export const createdKey = z
  .object({ accessKeyId: z.string(), secretAccessKey: z.string(), name: z.string() })
  .meta({ id: "CreatedKey", description: "The only answer, with GET ?showSecret=true, that carries the secret." });

export const grantChange = permissions.partial().meta({
  id: "GrantChange",
  description: "Sets exactly the flags given: true grants, false revokes, absent leaves alone.",
});

export const whoami = z.object({ name: z.string(), role, tenant: tenantRef.nullable() }).meta({ id: "WhoAmI" });

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
