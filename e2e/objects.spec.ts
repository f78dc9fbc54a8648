import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import type { Page } from "@playwright/test";
import { adminPassword, adminToken, engineUrls, expect, signIn, test } from "./fixtures";

/**
 * The object browser against the real engine: a 20 MiB upload (multipart, straight from
 * the browser to S3) downloaded byte-exact, folders and breadcrumbs, a drag-and-drop
 * upload, a text preview, a share link fetched from outside, paging through more than
 * 1000 objects in a bucket without a global alias, and deleting a folder with its count.
 */
const screenshots = path.join(import.meta.dirname, ".artifacts", "screenshots");
const mebibyte = 1024 * 1024;

async function adminCall<T>(operation: string, body: unknown): Promise<T> {
  const response = await fetch(`${engineUrls.admin()}/v2/${operation}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${adminToken()}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${operation}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A test's own key with read and write on a new bucket; `alias` is global, or local to the key when `local`. */
async function seedBucket(alias: string, local: boolean): Promise<{ bucketId: string; s3: S3Client }> {
  const key = await adminCall<{ accessKeyId: string; secretAccessKey: string }>("CreateKey", {
    name: `e2e-${alias}`,
    neverExpires: true,
  });
  const allow = { read: true, write: true, owner: true };
  const bucket = await adminCall<{ id: string }>(
    "CreateBucket",
    local ? { localAlias: { accessKeyId: key.accessKeyId, alias, allow } } : { globalAlias: alias },
  );
  if (!local)
    await adminCall("AllowBucketKey", { bucketId: bucket.id, accessKeyId: key.accessKeyId, permissions: allow });
  const s3 = new S3Client({
    endpoint: engineUrls.s3(),
    region: "garage",
    forcePathStyle: true,
    credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
  });
  return { bucketId: bucket.id, s3 };
}

/** 20 MiB from a seeded xorshift stream, written to disk in 1 MiB blocks; returns its SHA-256. */
function writeSeededFile(filePath: string, sizeBytes: number, seed: number): string {
  const hash = crypto.createHash("sha256");
  const fd = fs.openSync(filePath, "w");
  let state = seed >>> 0 || 1;
  const block = Buffer.alloc(mebibyte);
  for (let written = 0; written < sizeBytes; written += block.length) {
    for (let offset = 0; offset < block.length; offset += 4) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      block.writeUInt32LE(state >>> 0, offset);
    }
    fs.writeSync(fd, block);
    hash.update(block);
  }
  fs.closeSync(fd);
  return hash.digest("hex");
}

/** Drops a small file on the upload zone the way a desktop drag does: a DataTransfer with a File. */
async function dropFile(page: Page, name: string, text: string, type: string): Promise<void> {
  const transfer = await page.evaluateHandle(
    ({ name, text, type }) => {
      const data = new DataTransfer();
      data.items.add(new File([text], name, { type }));
      return data;
    },
    { name, text, type },
  );
  const zone = page.getByTestId("upload-zone");
  await zone.dispatchEvent("dragover", { dataTransfer: transfer });
  await zone.dispatchEvent("drop", { dataTransfer: transfer });
}

async function signInAsAdmin(page: Page): Promise<void> {
  await signIn(page, "admin", adminPassword());
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
}

test("objects: upload 20 MiB and download it byte-exact, folders, drop, preview, share", async ({ page }) => {
  test.setTimeout(180_000);
  const name = `e2e-objects-${Date.now()}`;
  const { bucketId, s3 } = await seedBucket(name, false);
  await s3.send(
    new PutObjectCommand({ Bucket: name, Key: "docs/readme.txt", Body: "read me first\n", ContentType: "text/plain" }),
  );
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "carport-e2e-objects-"));
  const bigFile = path.join(directory, "big.bin");
  const expectedSha256 = writeSeededFile(bigFile, 20 * mebibyte, 0x5eed);

  await signInAsAdmin(page);
  await page.goto(`/browse/${bucketId}`);
  await expect(page.getByRole("heading", { name: `Objects in ${name}` })).toBeVisible();
  await page.getByLabel("Upload files").setInputFiles(bigFile);
  const upload = page.getByTestId("upload-item").filter({ hasText: "big.bin" });
  await expect(upload).toContainText("in parts");
  await expect(upload).toContainText("Uploaded", { timeout: 90_000 });
  await expect(page.getByRole("button", { name: "Download big.bin" })).toBeVisible();
  fs.mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, "objects.png"), fullPage: true });

  const downloadStarted = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download big.bin" }).click();
  const download = await downloadStarted;
  expect(download.suggestedFilename()).toBe("big.bin");
  const downloaded = await download.path();
  const actualSha256 = crypto.createHash("sha256").update(fs.readFileSync(downloaded)).digest("hex");
  expect(actualSha256).toBe(expectedSha256);

  await page.getByRole("button", { name: "big.bin", exact: true }).click();
  const details = page.getByTestId("object-details");
  await expect(details).toContainText("20,971,520 bytes");
  await expect(details).toContainText("application/octet-stream");

  await page.getByRole("link", { name: "docs/" }).click();
  const crumbs = page.getByRole("navigation", { name: "Folder path" });
  await expect(crumbs.getByText("docs", { exact: true })).toHaveAttribute("aria-current", "page");
  await dropFile(page, "note.txt", "hello from a drop\n", "text/plain");
  await expect(page.getByTestId("upload-item").filter({ hasText: "note.txt" })).toContainText("Uploaded");
  await expect(page.getByRole("button", { name: "Preview note.txt" })).toBeVisible();

  await page.getByRole("button", { name: "Preview readme.txt" }).click();
  await expect(page.getByTestId("text-preview")).toHaveText("read me first\n");
  await page.getByRole("dialog").getByRole("button", { name: "Close" }).click();

  await page.getByRole("button", { name: "Share note.txt" }).click();
  const share = page.getByRole("dialog", { name: "Share link" });
  await share.getByLabel("Link expires after").selectOption("1h");
  await share.getByRole("button", { name: "Create link" }).click();
  const url = await share.getByLabel("Share link", { exact: true }).textContent();
  expect(url).toContain("X-Amz-Expires=3600");
  const shared = await fetch(url ?? "");
  expect(shared.status).toBe(200);
  expect(await shared.text()).toBe("hello from a drop\n");
  await share.getByRole("button", { name: "Close", exact: true }).first().click();

  await crumbs.getByRole("link", { name }).click();
  await expect(page.getByRole("link", { name: "docs/" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Download big.bin" })).toBeVisible();
  fs.rmSync(directory, { recursive: true, force: true });
});

test("objects: page through 1,050 objects of an unaliased bucket, then delete the folder after its count", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const alias = `e2e-local-${Date.now()}`;
  const { bucketId, s3 } = await seedBucket(alias, true);
  const keys = Array.from({ length: 1050 }, (_, index) => `many/obj-${String(index).padStart(5, "0")}.txt`);
  for (let start = 0; start < keys.length; start += 50) {
    await Promise.all(
      keys.slice(start, start + 50).map((key) => s3.send(new PutObjectCommand({ Bucket: alias, Key: key, Body: key }))),
    );
  }
  await s3.send(new PutObjectCommand({ Bucket: alias, Key: "keep.txt", Body: "keep" }));

  await signInAsAdmin(page);
  await page.goto(`/browse/${bucketId}`);
  await expect(page.getByRole("button", { name: "Download keep.txt" })).toBeVisible();
  await page.getByRole("link", { name: "many/" }).click();
  const range = page.getByTestId("page-range");
  await expect(range).toHaveText("Page 1 · entries 1–200");
  await expect(page.getByTestId("object-row")).toHaveCount(200);
  for (let pageNumber = 2; pageNumber <= 6; pageNumber += 1) {
    await page.getByRole("button", { name: "Next page" }).click();
    await expect(range).toContainText(`Page ${pageNumber} ·`);
  }
  await expect(range).toHaveText("Page 6 · entries 1,001–1,050");
  await expect(page.getByRole("button", { name: "Download obj-01049.txt" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Next page" })).toBeDisabled();
  await page.getByRole("button", { name: "Previous page" }).click();
  await expect(range).toHaveText("Page 5 · entries 801–1,000");

  await page.getByRole("button", { name: "Delete this folder…" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete folder" });
  await expect(dialog.getByTestId("prefix-count")).toContainText("1,050 objects");
  await dialog.getByRole("button", { name: "Delete 1,050 objects" }).click();
  await expect(page.getByText("Deleted 1,050 objects.")).toBeVisible();
  await expect(page.getByText("This folder is empty.")).toBeVisible();
  const left = await s3.send(new ListObjectsV2Command({ Bucket: alias }));
  expect((left.Contents ?? []).map((item) => item.Key)).toEqual(["keep.txt"]);
});

const onePixelPng = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

test("objects: copy to another bucket, move within one, delete selected, preview an image, at phone width", async ({
  page,
}) => {
  const name = `e2e-copy-${Date.now()}`;
  const { bucketId, s3 } = await seedBucket(name, false);
  const target = await seedBucket(`${name}-target`, false);
  await s3.send(new PutObjectCommand({ Bucket: name, Key: "a/one.txt", Body: "one", ContentType: "text/plain" }));
  await s3.send(new PutObjectCommand({ Bucket: name, Key: "a/two.txt", Body: "two", ContentType: "text/plain" }));
  await s3.send(new PutObjectCommand({ Bucket: name, Key: "pixel.png", Body: onePixelPng, ContentType: "image/png" }));
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAsAdmin(page);
  await page.goto(`/browse/${bucketId}?prefix=a%2F`);

  await page.getByLabel("Select one.txt").check();
  await page.getByRole("button", { name: "Copy or move…" }).click();
  let dialog = page.getByRole("dialog", { name: "Copy or move 1 object" });
  await dialog.getByLabel("Target bucket").selectOption({ label: `${name}-target` });
  await dialog.getByLabel("Target folder").fill("copied/");
  await dialog.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(page.getByText("Copied 1 object.")).toBeVisible();
  const copied = await target.s3.send(new GetObjectCommand({ Bucket: `${name}-target`, Key: "copied/one.txt" }));
  expect(await copied.Body?.transformToString()).toBe("one");

  await page.getByLabel("Select two.txt").check();
  await page.getByRole("button", { name: "Copy or move…" }).click();
  dialog = page.getByRole("dialog", { name: "Copy or move 1 object" });
  await dialog.getByLabel("Target folder").fill("moved/");
  await dialog.getByLabel("Move (delete the originals after copying)").check();
  await dialog.getByRole("button", { name: "Move", exact: true }).click();
  await expect(page.getByText("Moved 1 object.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Download two.txt" })).toBeHidden();
  expect((await s3.send(new HeadObjectCommand({ Bucket: name, Key: "moved/two.txt" }))).ContentLength).toBe(3);

  await page.getByLabel("Select one.txt").check();
  await page.getByRole("button", { name: "Delete selected" }).click();
  await page
    .getByRole("dialog", { name: "Delete objects" })
    .getByRole("button", { name: "Delete", exact: true })
    .click();
  await expect(page.getByText("Deleted 1 object.")).toBeVisible();
  await expect(page.getByText("This folder is empty.")).toBeVisible();

  await page.getByRole("navigation", { name: "Folder path" }).getByRole("link", { name }).click();
  await expect(page.getByRole("button", { name: "Preview pixel.png" })).toBeVisible();
  fs.mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, "objects-phone.png"), fullPage: true });
  await page.getByRole("button", { name: "Preview pixel.png" }).click();
  const image = page.getByRole("img", { name: "Preview of pixel.png" });
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBe(1);
});
