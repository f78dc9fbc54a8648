import { spawnSync } from "node:child_process";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { parse as parseYaml } from "yaml";
import { ensureDebianTool } from "../scripts/lib/system-deps";
import { hikubeBucketInfoExample, hikubeManifestExample } from "../tests/seeds/seed-examples";
import { s3Client } from "./admin-seed";
import { api, apiOk, basic, seedTenant, type Credentials } from "./console-api";
import { engineUrls, expect, test } from "./fixtures";

/**
 * Hikube's Bucket through /api/v1: the seed's own manifest as YAML and as JSON, the
 * Secret it yields (compared with the seed's example, and read by the seed's own jq
 * command), its credentials used with @aws-sdk/client-s3, every malformed manifest, and
 * deletion of everything the manifest made.
 */
interface BucketResource {
  kind: string;
  metadata: { name: string };
  status: { bucketName: string; secretName: string };
}
interface KubeSecret {
  apiVersion: string;
  kind: string;
  type: string;
  metadata: { name: string };
  data: Record<string, string>;
}

async function postYaml(text: string, as: Credentials): Promise<{ status: number; body: unknown; text: string }> {
  const response = await fetch(`${process.env.CARPORT_E2E_BASE_URL}/api/v1/buckets`, {
    method: "POST",
    headers: { Authorization: basic(as), "Content-Type": "application/yaml" },
    body: text,
  });
  const body = await response.text();
  return { status: response.status, text: body, body: body ? JSON.parse(body) : null };
}

/** The seed's extraction, verbatim but for kubectl: jq, base64 -d, jq. */
function extractCredentials(secretJson: string): [string, string] {
  ensureDebianTool("/usr/bin/jq", "jq");
  const run = spawnSync(
    "bash",
    ["-c", "jq -r '.data.BucketInfo' | base64 -d | jq -r '.spec.secretS3.accessKeyID, .spec.secretS3.accessSecretKey'"],
    { input: secretJson, encoding: "utf8" },
  );
  expect(run.status, run.stderr).toBe(0);
  const [accessKeyId, secretAccessKey] = run.stdout.trim().split("\n");
  return [accessKeyId, secretAccessKey];
}

/** Keys in order, with every value that is not a string (as in bucket-info.test.ts). */
function skeleton(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(skeleton);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, skeleton(item)]));
  return typeof value === "string" ? "string" : value;
}

test("hikube api: the seed's manifest as YAML makes a bucket, a key and a Secret whose BucketInfo is the seed's shape", async () => {
  const { user } = await seedTenant("hikube-co");
  const as = { as: user };
  const manifest = hikubeManifestExample();
  expect(manifest).toContain("name: backup-prod");

  const created = await postYaml(manifest, user);
  expect(created.status, created.text).toBe(201);
  const resource = created.body as BucketResource;
  expect(resource).toMatchObject({ kind: "Bucket", metadata: { name: "backup-prod" } });
  expect(resource.status.secretName).toBe("bucket-backup-prod");
  expect(resource.status.bucketName).toMatch(/^bucket-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

  const secrets = await apiOk<{ items: Record<string, unknown>[] }>("GET", "/secrets", 200, as);
  expect(secrets.items).toEqual([
    {
      name: "bucket-backup-prod",
      type: "Opaque",
      data: 1,
      age: expect.stringMatching(/^\d+s$/),
      createdAt: expect.any(String),
    },
  ]);

  const answer = await api<KubeSecret>("GET", "/secrets/bucket-backup-prod", as);
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({
    apiVersion: "v1",
    kind: "Secret",
    type: "Opaque",
    metadata: { name: "bucket-backup-prod" },
  });
  expect(Object.keys(answer.body.data)).toEqual(["BucketInfo"]);
  const info = JSON.parse(Buffer.from(answer.body.data.BucketInfo, "base64").toString("utf8"));
  const example = hikubeBucketInfoExample() as { metadata: object; spec: Record<string, unknown> };
  expect(JSON.stringify(skeleton(info))).toBe(JSON.stringify(skeleton(example)));
  expect(info.metadata.creationTimestamp).toBeNull();
  expect(info.metadata.name).toMatch(/^bc-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(info.spec).toMatchObject({
    bucketName: resource.status.bucketName,
    authenticationType: example.spec.authenticationType,
    secretAzure: example.spec.secretAzure,
    protocols: example.spec.protocols,
    secretS3: { endpoint: engineUrls.s3(), region: "garage" },
  });

  // The seed's own extraction prints credentials that work as they are.
  const [accessKeyId, secretAccessKey] = extractCredentials(answer.text);
  expect(accessKeyId).toBe(info.spec.secretS3.accessKeyID);
  const s3 = s3Client({ accessKeyId, secretAccessKey }, info.spec.secretS3.endpoint, info.spec.secretS3.region);
  await s3.send(new PutObjectCommand({ Bucket: resource.status.bucketName, Key: "db.dump", Body: "backup bytes" }));
  const read = await s3.send(new GetObjectCommand({ Bucket: resource.status.bucketName, Key: "db.dump" }));
  expect(await read.Body?.transformToString()).toBe("backup bytes");

  // The same Secret as YAML, as kubectl get secret -o yaml shows it.
  const yamlAnswer = await fetch(`${process.env.CARPORT_E2E_BASE_URL}/api/v1/secrets/bucket-backup-prod`, {
    headers: { Authorization: basic(user), Accept: "application/yaml" },
  });
  expect(yamlAnswer.headers.get("content-type")).toContain("application/yaml");
  expect(parseYaml(await yamlAnswer.text())).toEqual(answer.body);

  // The bucket is the tenant's, by its manifest name; its key counts among the tenant's keys.
  const bucket = await apiOk<{ name: string; globalAliases: string[] }>("GET", "/buckets/backup-prod", 200, as);
  expect(bucket).toMatchObject({ name: "backup-prod", globalAliases: [resource.status.bucketName] });
  const keys = await apiOk<{ items: { accessKeyId: string; name: string }[] }>("GET", "/keys", 200, as);
  expect(keys.items).toEqual([expect.objectContaining({ accessKeyId, name: "bucket-backup-prod" })]);

  // Deleting: refused while it holds an object, then with ?force=true everything goes.
  const refused = await api("DELETE", "/buckets/backup-prod", as);
  expect(refused.status).toBe(409);
  expect(refused.body).toMatchObject({
    error: { code: "BucketNotEmpty", message: expect.stringContaining("1 object") },
  });
  await apiOk("DELETE", "/buckets/backup-prod?force=true", 204, as);
  expect((await api("GET", "/secrets/bucket-backup-prod", as)).body).toEqual({
    error: { code: "NoSuchSecret", message: "No such secret." },
  });
  expect((await apiOk<{ items: unknown[] }>("GET", "/secrets", 200, as)).items).toEqual([]);
  expect((await apiOk<{ items: unknown[] }>("GET", "/keys", 200, as)).items).toEqual([]);
  await expect(
    s3.send(new GetObjectCommand({ Bucket: resource.status.bucketName, Key: "db.dump" })),
  ).rejects.toMatchObject({ name: "InvalidAccessKeyId" });
});

test("hikube api: the manifest as JSON; names are unique within a tenant, not across tenants", async () => {
  const manifest = parseYaml(hikubeManifestExample());
  const first = await seedTenant("hikube-json");
  const second = await seedTenant("hikube-other");
  const made = await apiOk<BucketResource>("POST", "/buckets", 201, { as: first.user, body: manifest });
  expect(made.status.secretName).toBe("bucket-backup-prod");
  const again = await api("POST", "/buckets", { as: first.user, body: manifest });
  expect(again.status).toBe(409);
  expect(again.body).toMatchObject({
    error: { code: "BucketAlreadyExists", message: expect.stringContaining("backup-prod") },
  });
  const theirs = await apiOk<BucketResource>("POST", "/buckets", 201, { as: second.user, body: manifest });
  expect(theirs.status.bucketName).not.toBe(made.status.bucketName);

  // Each tenant reads its own Secret under the same name, and never the other's.
  const secretOf = async (as: Credentials) => {
    const secret = await apiOk<KubeSecret>("GET", "/secrets/bucket-backup-prod", 200, { as });
    return JSON.parse(Buffer.from(secret.data.BucketInfo, "base64").toString("utf8")).spec.bucketName;
  };
  expect(await secretOf(first.user)).toBe(made.status.bucketName);
  expect(await secretOf(second.user)).toBe(theirs.status.bucketName);
  await apiOk("DELETE", "/buckets/backup-prod", 204, { as: first.user });
  expect((await api("GET", "/secrets/bucket-backup-prod", { as: first.user })).status).toBe(404);
  expect(await secretOf(second.user)).toBe(theirs.status.bucketName);
  await apiOk("DELETE", "/buckets/backup-prod", 204, { as: second.user });
});

test("hikube api: every malformed manifest is refused with a message naming the field", async () => {
  const { user } = await seedTenant("hikube-bad");
  const valid = { apiVersion: "apps.cozystack.io/v1alpha1", kind: "Bucket", metadata: { name: "ok-name" } };
  const cases: [string, unknown, string][] = [
    ["another kind", { ...valid, kind: "Deployment" }, "kind: expected Bucket"],
    ["no kind", { apiVersion: valid.apiVersion, metadata: valid.metadata }, "kind: required"],
    ["another apiVersion", { ...valid, apiVersion: "apps.cozystack.io/v1beta1" }, "apiVersion: expected"],
    ["no apiVersion", { kind: "Bucket", metadata: valid.metadata }, "apiVersion: required"],
    ["no metadata", { apiVersion: valid.apiVersion, kind: "Bucket" }, "metadata.name: required"],
    ["no name", { ...valid, metadata: {} }, "metadata.name: required"],
    ["a name that is not a string", { ...valid, metadata: { name: 42 } }, "metadata.name: expected a string"],
    ["an invalid name", { ...valid, metadata: { name: "Backup_Prod" } }, "metadata.name:"],
    ["a name too long", { ...valid, metadata: { name: "a".repeat(47) } }, "metadata.name: at most 46"],
    ["a spec with fields", { ...valid, spec: { locking: true } }, "spec.locking"],
    ["a spec that is not an object", { ...valid, spec: "x" }, "spec:"],
    ["an unknown field", { ...valid, status: {} }, "status: not a field"],
  ];
  for (const [label, body, message] of cases) {
    const answer = await api("POST", "/buckets", { as: user, body });
    expect(answer.status, label).toBe(400);
    expect(answer.body, label).toMatchObject({
      error: { code: "InvalidInput", message: expect.stringContaining(message) },
    });
    const asYaml = await postYaml(JSON.stringify(body), user);
    expect(asYaml.body, `${label} (YAML)`).toMatchObject({ error: { message: expect.stringContaining(message) } });
  }
  expect((await postYaml("kind: [unclosed", user)).body).toMatchObject({
    error: { code: "InvalidInput", message: expect.stringContaining("not valid YAML") },
  });
  expect((await postYaml(`${hikubeManifestExample()}---\n${hikubeManifestExample()}`, user)).status).toBe(400);
  // An empty spec is what the seed says a Bucket has: accepted.
  await apiOk("POST", "/buckets", 201, { as: user, body: { ...valid, spec: {} } });
  expect((await apiOk<{ items: unknown[] }>("GET", "/secrets", 200, { as: user })).items).toHaveLength(1);
});
