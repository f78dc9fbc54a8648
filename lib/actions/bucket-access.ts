"use server";

import { z } from "zod";
import { cannedAcls, maxPolicyBytes, policyProblem } from "@/lib/s3/bucket-access";
import { bucketIdSchema } from "@/lib/s3/input-schemas";
import { defineAction } from "@/lib/server/define-action";
import { describeAccessError } from "@/lib/server/s3/access-errors";
import { setBucketCannedAcl, setBucketPolicy } from "@/lib/server/s3/bucket-policy";

/**
 * A bucket's policy and ACL from the console: session -> scope -> zod -> one lib/s3 call
 * -> ActionResult. They are the bucket's settings, changed by those who may change it.
 */
const bucketWrite = { need: "tenant:write", describeError: describeAccessError } as const;

const policyText = z
  .string()
  .max(maxPolicyBytes, `A policy is at most ${maxPolicyBytes / 1024} KiB.`)
  .superRefine((text, context) => {
    const problem = policyProblem(text);
    if (problem) context.addIssue({ code: "custom", message: problem });
  });

export const setBucketPolicyAction = defineAction(
  { ...bucketWrite, input: z.object({ bucketId: bucketIdSchema, policy: policyText }) },
  async ({ connection }, { bucketId, policy }) => {
    await setBucketPolicy(connection, bucketId, policy);
    return { bucketId };
  },
);

export const deleteBucketPolicyAction = defineAction(
  { ...bucketWrite, input: z.object({ bucketId: bucketIdSchema }) },
  async ({ connection }, { bucketId }) => {
    await setBucketPolicy(connection, bucketId, null);
    return { bucketId };
  },
);

export const setBucketAclAction = defineAction(
  { ...bucketWrite, input: z.object({ bucketId: bucketIdSchema, acl: z.enum(cannedAcls) }) },
  async ({ connection }, { bucketId, acl }) => {
    await setBucketCannedAcl(connection, bucketId, acl);
    return { bucketId };
  },
);
