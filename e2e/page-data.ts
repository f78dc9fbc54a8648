import { PutObjectCommand } from "@aws-sdk/client-s3";
import { adminCall, s3Client } from "./admin-seed";
import { apiOk, seedTenant } from "./console-api";

/**
 * Data for the specs that visit every page (accessibility, phone width): a bucket
 * holding a folder and a file, a key allowed on it, a tenant with a user and a Hikube
 * bucket of that tenant, so lists, the permission matrix, the object browser, the tenant
 * and Hikube pages have rows. Returns the values of the routes' dynamic
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
  const { tenant, user } = await seedTenant(`${label}-co`);
  const manifestName = `${label}-manifest-${stamp}`;
  const manifest = { apiVersion: "apps.cozystack.io/v1alpha1", kind: "Bucket", metadata: { name: manifestName } };
  await apiOk("POST", "/buckets", 201, { as: user, body: manifest });
  return { bucketId: bucket.id, tenantId: tenant.id, name: manifestName, tenant: tenant.id };
}
