import { z } from "zod";
import { aclSchema } from "./acl";
import { storedPolicySchema } from "./policy";
import { type Codec, rawCodec } from "../metadata/records";

/**
 * What Carport adds to a bucket on top of Garage's key × bucket permissions: its
 * policy, its ACL, its object-ownership setting and its public access block.
 * Kept in a tree of its own, beside the bucket record, so Garage's bucket shape
 * (and the admin API that shows it) stays exactly Garage's.
 */

export const objectOwnershipValues = ["BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter"] as const;
export type ObjectOwnership = (typeof objectOwnershipValues)[number];

const publicAccessBlockSchema = z.object({
  blockPublicAcls: z.boolean(),
  ignorePublicAcls: z.boolean(),
  blockPublicPolicy: z.boolean(),
  restrictPublicBuckets: z.boolean(),
});
export type PublicAccessBlock = z.infer<typeof publicAccessBlockSchema>;

const bucketAccessV1 = z.object({
  v: z.literal(1),
  policy: storedPolicySchema.nullable(),
  acl: aclSchema.nullable(),
  ownership: z.enum(objectOwnershipValues).nullable(),
  publicAccessBlock: publicAccessBlockSchema.nullable(),
});
export type BucketAccess = z.infer<typeof bucketAccessV1>;

export const noBucketAccess: BucketAccess = {
  v: 1,
  policy: null,
  acl: null,
  ownership: null,
  publicAccessBlock: null,
};

export const bucketAccessCodec: Codec<BucketAccess> = {
  encode: (value) => rawCodec.encode(value),
  decode: (bytes) => {
    const parsed = bucketAccessV1.safeParse(rawCodec.decode(bytes));
    if (!parsed.success) throw new Error(`corrupt bucket access record: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  },
};

/** ACLs count only when object ownership does not disable them. */
export function aclsEnabled(access: BucketAccess): boolean {
  return access.ownership !== "BucketOwnerEnforced";
}
