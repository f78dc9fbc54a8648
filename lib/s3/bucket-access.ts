/**
 * A bucket's access beyond the keys' grants, as the console shows and edits it: its
 * policy (IAM JSON), its canned ACL, and whether either makes it public. Templates for
 * the common policies, and the check the editor runs before saving. Both sides, pure.
 */

export const cannedAcls = ["private", "public-read", "public-read-write", "authenticated-read"] as const;
export type CannedAcl = (typeof cannedAcls)[number];

export interface AclGrantView {
  /** An access key id, or a group's name ("AllUsers", "AuthenticatedUsers"). */
  grantee: string;
  permission: string;
}

export interface BucketAccessView {
  /** false on a cluster without bucket policies (Garage). */
  supported: boolean;
  /** The policy as stored, pretty-printed; null when the bucket has none. */
  policy: string | null;
  policyPublic: boolean;
  /** The canned ACL the grants amount to, or "custom" when they are other grants. */
  cannedAcl: CannedAcl | "custom";
  grants: AclGrantView[];
  owner: string;
  /** Why the ACL could not be read (a policy's Deny refuses even the owner), or null. */
  aclRefused: string | null;
}

/** The largest policy S3 stores (20 KiB). */
export const maxPolicyBytes = 20 * 1024;

export type PolicyTemplate = "public-read" | "read-only-key" | "deny-insecure-transport";

export const policyTemplates: Record<PolicyTemplate, string> = {
  "public-read": "Anyone can read objects",
  "read-only-key": "One key reads, nothing more",
  "deny-insecure-transport": "Refuse requests over plain HTTP",
};

/** A template's policy for this bucket (and key, for the one that names a key). */
export function policyFromTemplate(template: PolicyTemplate, bucketName: string, accessKeyId: string): string {
  const objects = `arn:aws:s3:::${bucketName}/*`;
  const bucket = `arn:aws:s3:::${bucketName}`;
  const statement = {
    "public-read": { Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: objects },
    "read-only-key": {
      Sid: "ReadOnly",
      Effect: "Allow",
      Principal: { AWS: [accessKeyId] },
      Action: ["s3:GetObject", "s3:ListBucket"],
      Resource: [bucket, objects],
    },
    "deny-insecure-transport": {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [bucket, objects],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  }[template];
  return JSON.stringify({ Version: "2012-10-17", Statement: [statement] }, null, 2);
}

/** What is wrong with a policy's text before it is sent (the server checks the rest), or null. */
export function policyProblem(text: string): string | null {
  if (new TextEncoder().encode(text).length > maxPolicyBytes)
    return `A policy is at most ${maxPolicyBytes / 1024} KiB.`;
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return `The policy is not valid JSON: ${error instanceof Error ? error.message : "it cannot be read"}.`;
  }
  if (typeof document !== "object" || document === null || Array.isArray(document))
    return "A policy is a JSON object with a Statement.";
  if (!("Statement" in document)) return "The policy needs a Statement.";
  const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  for (const [index, statement] of statements.entries()) {
    if (typeof statement !== "object" || statement === null) return `Statement ${index + 1} is not an object.`;
    for (const field of ["Effect", "Action", "Resource"])
      if (!(field in statement) && !(`Not${field}` in statement))
        return `Statement ${index + 1} needs ${field === "Resource" ? "a" : "an"} ${field}.`;
    if (!("Principal" in statement) && !("NotPrincipal" in statement))
      return `Statement ${index + 1} needs a Principal.`;
  }
  return null;
}
