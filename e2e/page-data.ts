import { PutObjectCommand } from "@aws-sdk/client-s3";
import { adminCall, s3Client } from "./admin-seed";
import { seedTenant } from "./console-api";

/**
 * Data for the specs that visit every page (accessibility, phone width): a bucket
 * holding a folder and a file, a key allowed on it and a tenant with a user, so lists,
 * the permission matrix, the object browser and the tenant pages have rows. Returns the values of the routes' dynamic
 * segments (see console-routes.ts).
 */
export async function seedPageData(label: string): Promise<Record<string, string>> {
  const stamp = `${Date.now().toString(36)}-${Math.floor(Math.random() * 1e4)}`;
  const name = `${label}-${stamp}`;
  const bucket = await adminCall<{ id: string }>("CreateBucket", { globalAlias: name });
  const key = await adminCall<{ accessKeyId: string; secretAccessKey: string }>("CreateKey", {
    name: `${label}-key-${stamp}`,
  });
  await adminCall("AllowBucketKey", {
    bucketId: bucket.id,
    accessKeyId: key.accessKeyId,
    permissions: { read: true, write: true, owner: false },
  });
  const s3 = s3Client({ accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey });
  await s3.send(new PutObjectCommand({ Bucket: name, Key: "reports/2024/summary.txt", Body: "a report" }));
  await s3.send(new PutObjectCommand({ Bucket: name, Key: "readme.txt", Body: "hello" }));
  s3.destroy();
  const { tenant } = await seedTenant(`${label}-co`);
  return { bucketId: bucket.id, tenantId: tenant.id };
}
