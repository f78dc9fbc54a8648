import { z } from "zod";

/**
 * A bucket policy as the engine keeps and evaluates it: IAM's grammar already
 * parsed and checked (the S3 layer reads the JSON), every list normalised to an
 * array. The text the owner sent is kept beside it and returned as sent.
 */

export const conditionOperators = [
  "StringEquals",
  "StringNotEquals",
  "StringEqualsIgnoreCase",
  "StringNotEqualsIgnoreCase",
  "StringLike",
  "StringNotLike",
  "NumericEquals",
  "NumericNotEquals",
  "NumericLessThan",
  "NumericLessThanEquals",
  "NumericGreaterThan",
  "NumericGreaterThanEquals",
  "DateEquals",
  "DateNotEquals",
  "DateLessThan",
  "DateLessThanEquals",
  "DateGreaterThan",
  "DateGreaterThanEquals",
  "Bool",
  "IpAddress",
  "NotIpAddress",
  "Null",
] as const;
export type ConditionOperator = (typeof conditionOperators)[number];

const conditionSchema = z.object({
  operator: z.enum(conditionOperators),
  /** `...IfExists`: a key absent from the request satisfies the condition. */
  ifExists: z.boolean(),
  /** ForAnyValue / ForAllValues, for keys that may carry several values. */
  qualifier: z.enum(["ForAnyValue", "ForAllValues"]).nullable(),
  /** The condition key as written (matched without regard to case). */
  key: z.string(),
  values: z.array(z.string()),
});
export type PolicyCondition = z.infer<typeof conditionSchema>;

/** Principal or NotPrincipal: `*` (anyone, anonymous included) and access key ids. */
const principalSchema = z.object({
  negated: z.boolean(),
  anyone: z.boolean(),
  accessKeyIds: z.array(z.string()),
});
export type PolicyPrincipal = z.infer<typeof principalSchema>;

/** Action / NotAction, Resource / NotResource: patterns with `*` and `?`. */
const patternListSchema = z.object({ negated: z.boolean(), patterns: z.array(z.string()) });
export type PatternList = z.infer<typeof patternListSchema>;

const statementSchema = z.object({
  sid: z.string().nullable(),
  effect: z.enum(["Allow", "Deny"]),
  principal: principalSchema,
  actions: patternListSchema,
  resources: patternListSchema,
  conditions: z.array(conditionSchema),
});
export type PolicyStatement = z.infer<typeof statementSchema>;

export const storedPolicySchema = z.object({
  /** The document as the owner sent it (GetBucketPolicy returns it). */
  text: z.string(),
  version: z.string(),
  id: z.string().nullable(),
  statements: z.array(statementSchema),
});
export type StoredPolicy = z.infer<typeof storedPolicySchema>;
