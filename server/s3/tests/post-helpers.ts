import crypto from "node:crypto";

/** Browser-form uploads as a page builds them: a SigV4-signed POST policy and its fields. */

export interface PostSigning {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  nowMs?: number;
}

function hmac(key: Buffer | string, data: string): Buffer {
  return crypto.createHmac("sha256", key).update(data, "utf8").digest();
}

function amzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** The signature of a base64 policy, as the form's x-amz-signature carries it. */
export function signPolicy(signing: PostSigning, dateStamp: string, policyBase64: string): string {
  const key = hmac(hmac(hmac(hmac(`AWS4${signing.secretAccessKey}`, dateStamp), signing.region), "s3"), "aws4_request");
  return crypto.createHmac("sha256", key).update(policyBase64).digest("hex");
}

/**
 * The fields a page posts: x-amz-algorithm, x-amz-credential, x-amz-date, the
 * base64 policy and its signature. `conditions` are added to the ones naming the
 * signing fields; `expiresInMs` may be negative for an expired policy.
 */
export function signedPostFields(
  signing: PostSigning,
  conditions: unknown[],
  expiresInMs = 10 * 60_000,
): Record<string, string> {
  const nowMs = signing.nowMs ?? Date.now();
  const date = amzDate(nowMs);
  const credential = `${signing.accessKeyId}/${date.slice(0, 8)}/${signing.region}/s3/aws4_request`;
  const policy = {
    expiration: new Date(nowMs + expiresInMs).toISOString(),
    conditions: [
      ...conditions,
      { "x-amz-algorithm": "AWS4-HMAC-SHA256" },
      { "x-amz-credential": credential },
      { "x-amz-date": date },
    ],
  };
  const policyBase64 = Buffer.from(JSON.stringify(policy)).toString("base64");
  return {
    "x-amz-algorithm": "AWS4-HMAC-SHA256",
    "x-amz-credential": credential,
    "x-amz-date": date,
    policy: policyBase64,
    "x-amz-signature": signPolicy(signing, date.slice(0, 8), policyBase64),
  };
}

/** A multipart form with the fields in order and the file last (S3 ignores fields after it). */
export function postForm(
  fields: Record<string, string>,
  file: { body: Buffer | string; name?: string; type?: string } | null,
): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file)
    form.append(
      "file",
      // A plain Uint8Array: the DOM's BlobPart (tests outside server/ are checked with it) does not take a Buffer.
      new Blob([typeof file.body === "string" ? file.body : new Uint8Array(file.body)], {
        type: file.type ?? "application/octet-stream",
      }),
      file.name ?? "upload.bin",
    );
  return form;
}
