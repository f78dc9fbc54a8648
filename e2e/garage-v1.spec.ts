import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { loadConfig } from "../server/config";
import { startEngine, type RunningEngine } from "../server/start";
import { openAdminDoor, type Refusal } from "./admin-door";
import { s3Client, signInAsAdmin } from "./admin-seed";
import { expect, test } from "./fixtures";

/**
 * A Garage 1.x cluster, as the console meets one: a second engine whose admin API is
 * reached through a door that answers /v1 (and /v0) but no /v2, as Garage 0.9–1.x does; the
 * engine's own v1 surface does the rest. Buckets, keys, the permission matrix and
 * objects work through the same pages; what v1 cannot do is said, never an error.
 */
let remote: RunningEngine;
let remoteDir: string;
let door: http.Server;
let doorUrl: string;

/** Garage 1.x has /v1/…, /v0/…, /health and /metrics; anything else (/v2 above all) is unknown. */
function refuseAllButV1(url: string): Refusal | null {
  if (/^\/(v[01]\/|health$|metrics$)/.test(url)) return null;
  return { status: 404, contentType: "text/plain", body: "Not found" };
}

async function v1Call<T>(pathAndQuery: string): Promise<T> {
  const response = await fetch(`${doorUrl}/v1/${pathAndQuery}`, {
    headers: { Authorization: `Bearer ${remote.adminToken}` },
  });
  if (!response.ok) throw new Error(`${pathAndQuery}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

test.beforeAll(async () => {
  remoteDir = fs.mkdtempSync(path.join(os.tmpdir(), "carport-e2e-v1-"));
  const env = {
    CARPORT_DATA_DIR: path.join(remoteDir, "data"),
    CARPORT_BIND_HOST: "127.0.0.1",
    CARPORT_S3_PORT: "0",
    CARPORT_WEB_PORT: "0",
    CARPORT_ADMIN_PORT: "0",
    // The browser uploads straight to S3: the cluster must let the console's origin in, as a
    // Garage 1.x operator would with a bucket CORS rule (its admin API has none to set).
    CARPORT_CONSOLE_ORIGINS: new URL(process.env.CARPORT_E2E_BASE_URL ?? "http://127.0.0.1:3000").origin,
  };
  remote = await startEngine(loadConfig(env, remoteDir), { handleSignals: false });
  ({ server: door, url: doorUrl } = await openAdminDoor(remote.adminUrl, refuseAllButV1));
});

test.afterAll(async () => {
  await new Promise((resolve) => door?.close(resolve));
  await remote?.stop();
  fs.rmSync(remoteDir, { recursive: true, force: true });
});

test("a Garage 1.x cluster (admin API v1): buckets, keys, permissions and objects through the same pages", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const bucket = `v1-photos-${stamp}`;
  const keyName = `v1-writer-${stamp}`;

  await signInAsAdmin(page);
  await page.goto("/connections");
  await page.getByLabel("Connection name").fill("Garage one");
  await page.getByLabel("Admin API URL").fill(doorUrl);
  await page.getByLabel("Admin token").fill(remote.adminToken);
  await page.getByLabel("S3 endpoint").fill(remote.s3Url);
  await page.getByLabel("S3 region").fill("garage");
  await page.getByRole("button", { name: "Add connection" }).click();
  const row = page.getByTestId("connection").filter({ hasText: "Garage one" });
  await expect(row).toContainText("Admin API v1");
  await page.getByRole("button", { name: "Use Garage one" }).click();
  await expect(row).toContainText("in use");

  // Keys: created and renamed through v1; expiry is said to need v2 instead of offered.
  await page.goto("/keys");
  await page.getByRole("button", { name: "Create key" }).click();
  const create = page.getByRole("dialog", { name: "Create an access key" });
  await expect(create.getByText(/Keys that expire need Garage v2/)).toBeVisible();
  await expect(create.getByLabel("Expires on")).toHaveCount(0);
  await create.getByLabel("Name").fill(keyName);
  await create.getByLabel("May create buckets").check();
  await create.getByRole("button", { name: "Create key" }).click();
  await expect(create).toBeHidden();
  const item = page.getByRole("listitem", { name: keyName });
  await item.getByRole("button", { name: "Reveal secret key" }).click();
  await expect(item.getByTestId("secret-value")).toHaveText(/^[0-9a-f]{64}$/);
  const secretAccessKey = (await item.getByTestId("secret-value").textContent()) ?? "";
  const accessKeyId = (await item.getByText(/^GK[0-9a-f]+$/).textContent()) ?? "";
  const v1Key = await v1Call<{ name: string; permissions: { createBucket: boolean } }>(`key?id=${accessKeyId}`);
  expect(v1Key).toMatchObject({ name: keyName, permissions: { createBucket: true } });

  // Buckets: created, a quota and a website set; CORS and lifecycle are said to need v2.
  await page.goto("/buckets");
  await page.getByRole("button", { name: "Create bucket" }).click();
  const dialog = page.getByRole("dialog", { name: "Create a bucket" });
  await dialog.getByLabel("Bucket name").fill(bucket);
  await dialog.getByRole("button", { name: "Create bucket" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("link", { name: bucket }).click();
  await expect(page.getByRole("heading", { level: 1, name: bucket })).toBeVisible();
  const bucketId = page.url().split("/").pop() ?? "";
  const quotas = page.getByRole("region", { name: "Quotas" });
  await quotas.getByLabel("Maximum objects").fill("100");
  await quotas.getByRole("button", { name: "Save quotas" }).click();
  await expect(quotas.getByText("Quotas saved.")).toBeVisible();
  await expect(page.getByText("0 of 100")).toBeVisible();
  const website = page.getByRole("region", { name: "Website" });
  await website.getByLabel("Serve this bucket as a website").check();
  await website.getByLabel("Index document").fill("index.html");
  await website.getByRole("button", { name: "Save website" }).click();
  await expect(website.getByText("Website settings saved.")).toBeVisible();
  for (const name of ["CORS rules", "Lifecycle rules"])
    await expect(page.getByRole("region", { name }).getByText(/needs Garage v2 \(this cluster runs/)).toBeVisible();
  await expect(page.getByRole("main").getByRole("alert")).toHaveCount(0);
  expect(await v1Call(`bucket?id=${bucketId}`)).toMatchObject({
    globalAliases: [bucket],
    websiteAccess: true,
    quotas: { maxObjects: 100 },
  });

  // The permission matrix: one box, one v1 AllowBucketKey; the key then writes over S3.
  await page.goto("/keys/permissions");
  await page.getByRole("searchbox", { name: "Filter keys" }).fill(keyName);
  await page.getByRole("searchbox", { name: "Filter buckets" }).fill(bucket);
  for (const flag of ["read", "write"]) {
    const box = page.getByRole("checkbox", { name: `${flag} for ${keyName} on ${bucket}` });
    await box.check();
    await expect(box).toHaveAttribute("aria-busy", "false");
  }
  const s3 = s3Client({ accessKeyId, secretAccessKey }, remote.s3Url);
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "from-a-client.txt", Body: "written over S3" }));

  // Objects: the browser lists the client's object and uploads one the client reads back.
  await page.goto(`/browse/${bucketId}`);
  await expect(page.getByRole("heading", { name: `Objects in ${bucket}` })).toBeVisible();
  await expect(page.getByRole("button", { name: "Download from-a-client.txt" })).toBeVisible();
  const upload = path.join(remoteDir, "hello-v1.txt");
  fs.writeFileSync(upload, "uploaded by the console\n");
  await page.getByLabel("Upload files").setInputFiles(upload);
  await expect(page.getByTestId("upload-item").filter({ hasText: "hello-v1.txt" })).toContainText("Uploaded");
  const read = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: "hello-v1.txt" }));
  expect(await read.Body?.transformToString()).toBe("uploaded by the console\n");
  s3.destroy();

  // A non-empty bucket is refused with its count, emptied through v1's calls, then deleted.
  await page.goto(`/buckets/${bucketId}`);
  const danger = page.getByRole("region", { name: "Delete" });
  const deleteBucket = async () => {
    await danger.getByRole("button", { name: "Delete bucket" }).click();
    await page
      .getByRole("dialog", { name: `Delete ${bucket}?` })
      .getByRole("button", { name: "Delete bucket" })
      .click();
  };
  await deleteBucket();
  await expect(danger.getByRole("alert")).toContainText("This bucket is not empty: 2 objects.");
  await danger.getByRole("button", { name: "Empty the bucket first" }).click();
  await page
    .getByRole("dialog", { name: `Empty ${bucket}?` })
    .getByRole("button", { name: "Delete all objects" })
    .click();
  await expect(danger.getByText(/Deleted 2 objects/)).toBeVisible();
  await deleteBucket();
  await expect(page).toHaveURL(/\/buckets$/);
  expect((await v1Call<Array<{ id: string }>>("bucket?list")).map((item) => item.id)).not.toContain(bucketId);

  // What only v2 has is said, not failed.
  await page.goto("/tokens");
  await expect(page.getByText(/Admin tokens need Garage v2 \(this cluster runs/)).toBeVisible();
  await page.goto("/");
  await expect(page.getByTestId("cluster-state")).toHaveText("healthy");

  await page.goto("/connections");
  await page.getByRole("button", { name: "Use Local engine" }).click();
  await expect(page.getByTestId("connection").filter({ hasText: "Local engine" })).toContainText("in use");
  await page.getByRole("button", { name: "Remove Garage one" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove connection" }).click();
  await expect(page.getByTestId("connection").filter({ hasText: "Garage one" })).toHaveCount(0);
});
