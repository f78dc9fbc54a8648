import fs from "node:fs";
import path from "node:path";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";

/**
 * A small demo data set, created only through the admin and S3 APIs (as a client
 * would): a 3-volume layout in 3 zones, a few buckets with objects, keys.
 */
export interface DemoTarget {
  adminUrl: string;
  adminToken: string;
  s3Url: string;
  region: string;
  /** Where the extra volumes' directories go. */
  volumesDir: string;
}

async function admin<T>(
  target: DemoTarget,
  operation: string,
  body?: unknown,
  query: Record<string, string> = {},
): Promise<T> {
  const url = new URL(`/v2/${operation}`, target.adminUrl);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  const response = await fetch(url, {
    method: body === undefined ? "GET" : "POST",
    headers: { Authorization: `Bearer ${target.adminToken}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${operation}: HTTP ${response.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

async function seedLayout(target: DemoTarget): Promise<void> {
  const extra = ["disk-b", "disk-c"].map((name) => path.join(target.volumesDir, name));
  for (const directory of extra) fs.mkdirSync(directory, { recursive: true });
  await admin(target, "ConnectClusterNodes", extra);
  const status = await admin<{ nodes: Array<{ id: string }> }>(target, "GetClusterStatus");
  const zones = ["paris", "lyon", "lyon"];
  const capacities = [200e9, 100e9, 100e9];
  const roles = status.nodes.map((node, index) => ({
    id: node.id,
    zone: zones[index % zones.length],
    capacity: capacities[index % capacities.length],
    tags: index === 0 ? ["nvme"] : ["hdd"],
  }));
  await admin(target, "UpdateClusterLayout", { roles });
  const layout = await admin<{ version: number }>(target, "GetClusterLayout");
  await admin(target, "ApplyClusterLayout", { version: layout.version + 1 });
}

async function seedBuckets(target: DemoTarget): Promise<{ bucketId: string }> {
  const key = await admin<{ accessKeyId: string; secretAccessKey: string }>(target, "CreateKey", { name: "demo-app" });
  await admin(target, "CreateKey", { name: "backup-job" });
  await admin(target, "CreateKey", { name: "analytics-readonly" });
  const s3 = new S3Client({
    endpoint: target.s3Url,
    region: target.region,
    forcePathStyle: true,
    credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
  });
  const buckets = {
    photos: ["2025/beach.jpg", "2025/mountain.jpg", "2026/city.jpg", "readme.txt"],
    backups: ["db/2026-01-01.sql.gz", "db/2026-02-01.sql.gz"],
    website: ["index.html", "style.css", "img/logo.svg"],
  };
  let firstId = "";
  for (const [alias, keys] of Object.entries(buckets)) {
    const bucket = await admin<{ id: string }>(target, "CreateBucket", { globalAlias: alias });
    firstId ||= bucket.id;
    await admin(target, "AllowBucketKey", {
      bucketId: bucket.id,
      accessKeyId: key.accessKeyId,
      permissions: { read: true, write: true, owner: true },
    });
    for (const [index, objectKey] of keys.entries()) {
      const body = Buffer.alloc(4096 * (index + 1) * 7, `${alias}/${objectKey}\n`);
      await s3.send(new PutObjectCommand({ Bucket: alias, Key: objectKey, Body: body }));
    }
  }
  await admin(target, "CreateAdminToken", {
    name: "monitoring",
    scope: ["GetClusterHealth", "GetClusterStatistics", "ListBuckets"],
    neverExpires: true,
  });
  return { bucketId: firstId };
}

export async function seedDemo(target: DemoTarget): Promise<{ bucketId: string }> {
  await seedLayout(target);
  return seedBuckets(target);
}
