import { describe, expect, it } from "vitest";
import { hikubeBucketInfoExample } from "@/tests/seeds/seed-examples";
import { bucketInfo, bucketSecret } from "./bucket-info";

type Json = null | string | number | boolean | Json[] | { [key: string]: Json };

/** The shape of a JSON value: its keys in order, and every value that is not a string. */
function skeleton(value: unknown): Json {
  if (Array.isArray(value)) return value.map(skeleton);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, skeleton(item)]));
  return typeof value === "string" ? "string" : (value as Json);
}

const made = bucketInfo({
  name: "bc-254505e2-1f26-4f47-bf75-42faae918531",
  bucketName: "bucket-1df67984-321d-492d-bb06-2f4527bb0f5b",
  endpoint: "https://prod.s3.hikube.cloud/",
  region: "",
  accessKeyId: "GK0123456789abcdef01234567",
  secretAccessKey: "f".repeat(64),
});

describe("bucketInfo", () => {
  it("has exactly the keys, order and constant values of Hikube's example", () => {
    const example = hikubeBucketInfoExample() as { spec: Record<string, unknown> };
    expect(JSON.stringify(skeleton(made))).toBe(JSON.stringify(skeleton(example)));
    expect(made.spec.authenticationType).toBe(example.spec.authenticationType);
    expect(made.spec.protocols).toEqual(example.spec.protocols);
    expect(made.spec.secretAzure).toBe(example.spec.secretAzure);
    expect(made.spec.secretS3.endpoint).toBe("https://prod.s3.hikube.cloud");
  });

  it("goes into an Opaque Secret whose BucketInfo decodes back to it", () => {
    const secret = bucketSecret("bucket-backup-prod", made, "2026-01-01T00:00:00Z");
    expect(secret).toMatchObject({ apiVersion: "v1", kind: "Secret", type: "Opaque" });
    expect(Object.keys(secret.data)).toEqual(["BucketInfo"]);
    expect(JSON.parse(Buffer.from(secret.data.BucketInfo, "base64").toString("utf8"))).toEqual(made);
  });
});
