/**
 * COSI v1alpha1 `BucketInfo`, as Cozystack's classes make the sidecar write it (and so as
 * Hikube documents it): `authenticationType: "KEY"`, `protocols: ["s3"]`, no Azure part.
 * The one builder of it: Hikube secrets and the Connect panel's COSI snippet both use it.
 * Both sides.
 */
export interface BucketInfoInput {
  /** `bc-<uuid>`: the BucketAccess the secret stands for. */
  name: string;
  /** The bucket's S3 name. */
  bucketName: string;
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface BucketInfo {
  metadata: { name: string; creationTimestamp: null };
  spec: {
    bucketName: string;
    authenticationType: "KEY";
    secretS3: { endpoint: string; region: string; accessKeyID: string; accessSecretKey: string };
    secretAzure: null;
    protocols: ["s3"];
  };
}

export function bucketInfo(input: BucketInfoInput): BucketInfo {
  return {
    metadata: { name: input.name, creationTimestamp: null },
    spec: {
      bucketName: input.bucketName,
      authenticationType: "KEY",
      secretS3: {
        endpoint: input.endpoint.replace(/\/+$/, ""),
        region: input.region,
        accessKeyID: input.accessKeyId,
        accessSecretKey: input.secretAccessKey,
      },
      secretAzure: null,
      protocols: ["s3"],
    },
  };
}

/** A Kubernetes Secret of type Opaque holding a BucketInfo, as `kubectl get secret -o json` shows it. */
export interface BucketSecret {
  apiVersion: "v1";
  kind: "Secret";
  metadata: { name: string; creationTimestamp: string };
  type: "Opaque";
  data: { BucketInfo: string };
}

/** Base64 of the UTF-8 bytes, on either side (no Buffer in the browser). */
function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function bucketSecret(secretName: string, info: BucketInfo, createdAt: string): BucketSecret {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: secretName, creationTimestamp: createdAt },
    type: "Opaque",
    data: { BucketInfo: base64Utf8(JSON.stringify(info)) },
  };
}
