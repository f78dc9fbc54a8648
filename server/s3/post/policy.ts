import { S3Error } from "../errors";
import { ALGORITHM, hmacHex, signaturesEqual, signingKey } from "../sigv4/crypto";

/**
 * The POST policy: its SigV4 signature (the base64 policy is the string to
 * sign), its expiration, and its conditions, checked against every field of the
 * form as S3 does. A violated condition is 403 AccessDenied naming it.
 */

export type PostCondition =
  | { kind: "eq" | "starts-with"; field: string; value: string }
  | { kind: "content-length-range"; minBytes: number; maxBytes: number };

export interface PostPolicy {
  expirationMs: number;
  conditions: PostCondition[];
}

function invalidPolicy(detail: string): S3Error {
  return new S3Error("InvalidPolicyDocument", `Invalid Policy: ${detail}`);
}

export function denied(detail: string): S3Error {
  return new S3Error("AccessDenied", `Invalid according to Policy: ${detail}`);
}

/** Checks the form's SigV4 signature of the policy; returns the signing key id. */
export function verifyPolicySignature(
  fields: Map<string, string>,
  region: string,
  lookupSecret: (accessKeyId: string) => string | null,
): string {
  const algorithm = fields.get("x-amz-algorithm");
  const credential = fields.get("x-amz-credential");
  const signature = fields.get("x-amz-signature");
  if (fields.has("awsaccesskeyid") || fields.has("signature"))
    throw new S3Error("InvalidRequest", "Signature Version 2 is not supported; please use AWS4-HMAC-SHA256.");
  if (algorithm !== ALGORITHM)
    throw new S3Error("InvalidArgument", "POST form fields x-amz-algorithm must be AWS4-HMAC-SHA256.", {
      details: { ArgumentName: "x-amz-algorithm", ArgumentValue: algorithm ?? "" },
    });
  for (const [name, value] of [
    ["x-amz-credential", credential],
    ["x-amz-signature", signature],
    ["x-amz-date", fields.get("x-amz-date")],
  ] as const)
    if (!value)
      throw new S3Error("InvalidArgument", `Bucket POST must contain a field named '${name}'.`, {
        details: { ArgumentName: name },
      });
  const parts = (credential ?? "").split("/");
  if (parts.length !== 5 || parts[4] !== "aws4_request" || parts[3] !== "s3" || !/^\d{8}$/.test(parts[1]))
    throw new S3Error("InvalidArgument", `Invalid credential: ${credential}.`, {
      details: { ArgumentName: "x-amz-credential" },
    });
  const [accessKeyId, date, credentialRegion] = parts;
  if (credentialRegion !== region)
    throw new S3Error(
      "AuthorizationQueryParametersError",
      `The region '${credentialRegion}' is wrong; expecting '${region}'`,
      {
        details: { Region: region },
      },
    );
  const secret = lookupSecret(accessKeyId);
  if (secret === null) throw new S3Error("InvalidAccessKeyId", undefined, { details: { AWSAccessKeyId: accessKeyId } });
  const expected = hmacHex(signingKey(secret, date, region, "s3"), fields.get("policy") ?? "");
  if (!/^[0-9a-f]{64}$/.test(signature ?? "") || !signaturesEqual(expected, signature ?? ""))
    throw new S3Error(
      "SignatureDoesNotMatch",
      "The request signature we calculated does not match the signature you provided.",
      {
        details: { AWSAccessKeyId: accessKeyId },
      },
    );
  return accessKeyId;
}

function parseCondition(raw: unknown): PostCondition {
  if (Array.isArray(raw)) {
    const [operator, first, second] = raw as unknown[];
    if (typeof operator === "string" && operator.toLowerCase() === "content-length-range") {
      const minBytes = Number(first);
      const maxBytes = Number(second);
      if (raw.length !== 3 || !Number.isSafeInteger(minBytes) || !Number.isSafeInteger(maxBytes) || minBytes < 0)
        throw invalidPolicy(`Invalid content-length-range condition: ${JSON.stringify(raw)}`);
      return { kind: "content-length-range", minBytes, maxBytes };
    }
    const kind = typeof operator === "string" ? operator.toLowerCase() : "";
    if (
      raw.length !== 3 ||
      (kind !== "eq" && kind !== "starts-with") ||
      typeof first !== "string" ||
      !first.startsWith("$")
    )
      throw invalidPolicy(`Invalid condition: ${JSON.stringify(raw)}`);
    if (typeof second !== "string") throw invalidPolicy(`Invalid condition value: ${JSON.stringify(raw)}`);
    return { kind, field: first.slice(1).toLowerCase(), value: second };
  }
  if (typeof raw === "object" && raw !== null) {
    const entries = Object.entries(raw);
    if (entries.length !== 1 || typeof entries[0][1] !== "string")
      throw invalidPolicy(`Invalid condition: ${JSON.stringify(raw)}`);
    return { kind: "eq", field: entries[0][0].toLowerCase(), value: entries[0][1] };
  }
  throw invalidPolicy(`Invalid condition: ${JSON.stringify(raw)}`);
}

export function parsePostPolicy(base64: string): PostPolicy {
  let document: unknown;
  try {
    document = JSON.parse(Buffer.from(base64, "base64").toString("utf8"));
  } catch {
    throw invalidPolicy("Invalid JSON.");
  }
  if (typeof document !== "object" || document === null || Array.isArray(document))
    throw invalidPolicy("Invalid JSON.");
  const { expiration, conditions } = document as { expiration?: unknown; conditions?: unknown };
  if (typeof expiration !== "string") throw invalidPolicy("Policy missing expiration.");
  const expirationMs = Date.parse(expiration);
  if (Number.isNaN(expirationMs)) throw invalidPolicy(`Invalid expiration: ${expiration}.`);
  if (!Array.isArray(conditions)) throw invalidPolicy("Policy missing conditions.");
  return { expirationMs, conditions: conditions.map(parseCondition) };
}

/** Fields a policy need not name (AWS's list). */
function isExempt(name: string): boolean {
  return ["x-amz-signature", "file", "policy", "x-amz-security-token"].includes(name) || name.startsWith("x-ignore-");
}

function describe(condition: PostCondition): string {
  return condition.kind === "content-length-range"
    ? `["content-length-range", ${condition.minBytes}, ${condition.maxBytes}]`
    : `["${condition.kind}", "$${condition.field}", "${condition.value}"]`;
}

/**
 * Every condition must hold for the form's values (`values` has the bucket and the
 * final key), and every field of the form must be named by a condition.
 */
export function checkPostPolicy(
  policy: PostPolicy,
  values: Map<string, string>,
  fieldNames: string[],
  nowMs: number,
): void {
  if (policy.expirationMs <= nowMs) throw denied("Policy expired.");
  for (const condition of policy.conditions) {
    if (condition.kind === "content-length-range") continue;
    const value = values.get(condition.field) ?? "";
    const holds = condition.kind === "eq" ? value === condition.value : value.startsWith(condition.value);
    if (!holds) throw denied(`Policy Condition failed: ${describe(condition)}`);
  }
  const named = new Set(policy.conditions.flatMap((condition) => ("field" in condition ? [condition.field] : [])));
  const extra = fieldNames.map((name) => name.toLowerCase()).filter((name) => !isExempt(name) && !named.has(name));
  if (extra.length > 0) throw denied(`Extra input fields: ${extra.join(", ")}`);
}

export function contentLengthRange(policy: PostPolicy): { minBytes: number; maxBytes: number } | null {
  const range = policy.conditions.find((condition) => condition.kind === "content-length-range");
  return range && range.kind === "content-length-range" ? { minBytes: range.minBytes, maxBytes: range.maxBytes } : null;
}
