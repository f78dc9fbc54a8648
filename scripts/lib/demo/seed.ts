import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { z } from "zod";
import { adminApi, consoleApi, createEc2Credential, type ConsoleUserCredentials, type Ec2Credential } from "./clients";
import { acmeDocs, acmePhotos, globexReports, globexSite, type Files } from "./samples";

/**
 * The demo's data, made through the product's own doors: a layout of three volumes in
 * three zones, two tenants with their users and a viewer, buckets with sample files, a
 * Hikube bucket and its secret, and a project credential per tenant. What a presenter
 * needs to sign in is returned (and kept beside the data, mode 0600, for later starts).
 */
export interface DemoTarget {
  consoleUrl: string;
  adminUrl: string;
  adminToken: string;
  s3Url: string;
  region: string;
  admin: ConsoleUserCredentials;
  dataDir: string;
}

/** What a presenter needs, kept beside the data so a later start prints it again. */
export const demoSummary = z.object({
  users: z.array(
    z.object({
      name: z.string(),
      password: z.string(),
      role: z.enum(["admin", "viewer", "tenant"]),
      tenant: z.string().nullable(),
    }),
  ),
  credentials: z.array(z.object({ tenant: z.string(), user: z.string(), access: z.string(), secret: z.string() })),
  hikube: z.object({ tenant: z.string(), secretName: z.string(), bucketName: z.string() }),
  buckets: z.array(z.object({ tenant: z.string(), name: z.string(), files: z.number() })),
});
export type DemoSummary = z.infer<typeof demoSummary>;

const gibibyte = 1024 ** 3;
const password = (name: string) => `${name}-${randomBytes(6).toString("hex")}`;

async function seedLayout(target: DemoTarget): Promise<void> {
  const admin = adminApi(target.adminUrl, target.adminToken);
  const extra = ["volume-b", "volume-c"].map((name) => path.join(target.dataDir, "volumes", name));
  for (const directory of extra) fs.mkdirSync(directory, { recursive: true });
  await admin("ConnectClusterNodes", extra);
  const status = await admin<{ nodes: { id: string }[] }>("GetClusterStatus");
  const zones = ["paris", "lyon", "berlin"];
  const roles = status.nodes.map((node, index) => ({
    id: node.id,
    zone: zones[index % zones.length],
    capacity: 100e9,
    tags: [`disk-${index + 1}`],
  }));
  await admin("UpdateClusterLayout", { roles });
  const layout = await admin<{ version: number }>("GetClusterLayout");
  await admin("ApplyClusterLayout", { version: layout.version + 1 });
}

function s3For(target: DemoTarget, credential: { access: string; secret: string }): S3Client {
  return new S3Client({
    endpoint: target.s3Url,
    region: target.region,
    forcePathStyle: true,
    credentials: { accessKeyId: credential.access, secretAccessKey: credential.secret },
  });
}

async function upload(s3: S3Client, bucket: string, files: Files): Promise<number> {
  await Promise.all(
    Object.entries(files).map(([key, file]) =>
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: file.body, ContentType: file.contentType })),
    ),
  );
  return Object.keys(files).length;
}

interface TenantPlan {
  name: string;
  user: string;
  buckets: Record<string, () => Files>;
}

const tenants: TenantPlan[] = [
  { name: "acme", user: "alice", buckets: { "acme-photos": acmePhotos, "acme-docs": acmeDocs } },
  { name: "globex", user: "bob", buckets: { "globex-reports": globexReports, "globex-site": globexSite } },
];

async function seedTenant(target: DemoTarget, plan: TenantPlan, summary: DemoSummary): Promise<Ec2Credential> {
  const admin = consoleApi(target.consoleUrl, target.admin);
  const limits = { maxBuckets: 10, maxBytes: 20 * gibibyte, maxKeys: 20, defaultBucketQuotaBytes: 2 * gibibyte };
  const tenant = await admin.call<{ id: string }>("POST", "/tenants", { name: plan.name, limits });
  const user = { name: plan.user, password: password(plan.user) };
  await admin.call("POST", "/users", { ...user, role: "tenant", tenant: tenant.id });
  summary.users.push({ ...user, role: "tenant", tenant: plan.name });
  const asUser = consoleApi(target.consoleUrl, user);
  for (const name of Object.keys(plan.buckets)) await asUser.call("POST", "/buckets", { name });
  // The project credential reads and writes every bucket of its tenant: the files go up with it.
  const credential = await createEc2Credential(target.consoleUrl, user, plan.name);
  summary.credentials.push({
    tenant: plan.name,
    user: user.name,
    access: credential.access,
    secret: credential.secret,
  });
  const s3 = s3For(target, credential);
  for (const [name, files] of Object.entries(plan.buckets))
    summary.buckets.push({ tenant: plan.name, name, files: await upload(s3, name, files()) });
  return credential;
}

async function seedHikube(target: DemoTarget, user: ConsoleUserCredentials, summary: DemoSummary): Promise<void> {
  const manifest = "apiVersion: apps.cozystack.io/v1alpha1\nkind: Bucket\nmetadata:\n  name: backup-prod\n";
  const asUser = consoleApi(target.consoleUrl, user);
  const made = await asUser.postYaml<{ status: { bucketName: string; secretName: string } }>("/buckets", manifest);
  const secret = await asUser.call<{ data: { BucketInfo: string } }>("GET", `/secrets/${made.status.secretName}`);
  const info = JSON.parse(Buffer.from(secret.data.BucketInfo, "base64").toString("utf8"));
  const s3 = s3For(target, { access: info.spec.secretS3.accessKeyID, secret: info.spec.secretS3.accessSecretKey });
  const files = { "db/2026-03-01.sql": { body: "-- a nightly dump\nSELECT 1;\n", contentType: "application/sql" } };
  summary.buckets.push({ tenant: "acme", name: "backup-prod", files: await upload(s3, made.status.bucketName, files) });
  summary.hikube = { tenant: "acme", secretName: made.status.secretName, bucketName: made.status.bucketName };
}

export async function seedDemo(target: DemoTarget): Promise<DemoSummary> {
  const summary: DemoSummary = {
    users: [{ ...target.admin, role: "admin", tenant: null }],
    credentials: [],
    hikube: { tenant: "", secretName: "", bucketName: "" },
    buckets: [],
  };
  await seedLayout(target);
  for (const plan of tenants) await seedTenant(target, plan, summary);
  const viewer = { name: "victor", password: password("victor") };
  await consoleApi(target.consoleUrl, target.admin).call("POST", "/users", { ...viewer, role: "viewer", tenant: null });
  summary.users.push({ ...viewer, role: "viewer", tenant: null });
  const alice = summary.users.find((user) => user.name === "alice");
  if (!alice) throw new Error("the demo's first tenant user is missing");
  await seedHikube(target, alice, summary);
  return summary;
}
