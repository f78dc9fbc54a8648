import type { OwnerRef } from "@/lib/tenancy/types";

/** A Hikube Bucket as the console lists and shows it: never its key's secret. Both sides. */
export interface HikubeBucketSummary {
  /** The manifest's metadata.name, unique within its tenant. */
  name: string;
  tenant: OwnerRef;
  bucketId: string;
  /** The generated S3 name (`bucket-<uuid>`), the BucketInfo's spec.bucketName. */
  bucketName: string;
  /** `bucket-<name>`. */
  secretName: string;
  /** The BucketInfo's metadata.name (`bc-<uuid>`). */
  infoName: string;
  accessKeyId: string;
  endpoint: string;
  region: string;
  createdAt: string;
}

/** What the user asks for by revealing: the BucketInfo's JSON and the Secret as `kubectl get -o yaml` prints it. */
export interface HikubeSecretReveal {
  bucketInfoJson: string;
  secretYaml: string;
}
