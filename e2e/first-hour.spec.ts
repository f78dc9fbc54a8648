import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { adminCall, s3Client, signInAsAdmin } from "./admin-seed";
import { expect, test } from "./fixtures";

/**
 * What a new administrator trips on (issue 17), in Chromium against the real product:
 * the console's own key is never offered in Connect, a folder goes up through the
 * directory picker with its paths, Copy before Reveal copies the real secret, and a
 * quota refusal reads in human units.
 */
interface SeededBucket {
  name: string;
  bucketId: string;
  key: { accessKeyId: string; secretAccessKey: string; name: string };
}

async function seedBucket(label: string): Promise<SeededBucket> {
  const name = `e2e-${label}-${Date.now()}`;
  const { id: bucketId } = await adminCall<{ id: string }>("CreateBucket", { globalAlias: name });
  const key = await adminCall<{ accessKeyId: string; secretAccessKey: string }>("CreateKey", { name: `${name}-key` });
  await adminCall("AllowBucketKey", {
    bucketId,
    accessKeyId: key.accessKeyId,
    permissions: { read: true, write: true },
  });
  return { name, bucketId, key: { ...key, name: `${name}-key` } };
}

test("the console's own key is never offered in Connect, and its grant is said where it happens", async ({ page }) => {
  const seeded = await seedBucket("console-key");
  await signInAsAdmin(page);
  await page.goto(`/browse/${seeded.bucketId}`);
  await expect(page.getByRole("heading", { name: `Objects in ${seeded.name}` })).toBeVisible();
  await expect(page.getByText("was just given read and write on this bucket")).toBeVisible();

  await page.goto(`/buckets/${seeded.bucketId}`);
  const connect = page.getByRole("region", { name: "Connect" });
  const choice = connect.getByLabel("Key with access");
  await expect(choice.locator("option")).toHaveText([`${seeded.key.name} — read, write`]);
  await expect(connect.getByTestId("console-key-note")).toContainText("not offered to clients");

  await page.goto("/keys");
  const consoleCard = page.getByRole("listitem", { name: "carport-console" });
  await expect(consoleCard).toContainText("Console's own key");
});

test("Copy before Reveal puts the real secret on the clipboard; a read-only key can be made", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const seeded = await seedBucket("copy");
  await signInAsAdmin(page);
  await page.goto(`/buckets/${seeded.bucketId}`);
  const connect = page.getByRole("region", { name: "Connect" });
  await expect(connect.getByLabel("rclone", { exact: true })).toContainText("REVEAL_THE_SECRET_KEY");
  await connect.getByRole("button", { name: "Copy rclone" }).click();
  await expect(connect.getByRole("button", { name: "Copy rclone" })).toContainText("Copied");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(`secret_access_key = ${seeded.key.secretAccessKey}`);
  expect(copied).not.toContain("REVEAL_THE_SECRET_KEY");
  // What is shown still masks the secret: only the clipboard got it.
  await expect(connect.getByLabel("rclone", { exact: true })).toContainText("REVEAL_THE_SECRET_KEY");

  await connect.getByLabel("New key name").fill(`${seeded.name}-reader`);
  await connect.getByRole("button", { name: "Create a read-only key" }).click();
  await expect(connect.getByLabel("Key with access")).toHaveValue(/^GK/);
  await expect(connect.getByLabel("Key with access").locator("option:checked")).toHaveText(
    `${seeded.name}-reader — read`,
  );
});

test("Upload folder keeps the paths of the chosen directory under the current folder", async ({ page }) => {
  const seeded = await seedBucket("folder");
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "carport-e2e-folder-"));
  const picked = path.join(root, "holiday");
  fs.mkdirSync(path.join(picked, "day1"), { recursive: true });
  fs.writeFileSync(path.join(picked, "notes.txt"), "notes\n");
  fs.writeFileSync(path.join(picked, "day1", "beach.txt"), "sand\n");

  await signInAsAdmin(page);
  await page.goto(`/browse/${seeded.bucketId}`);
  await page.getByLabel("Upload a folder").setInputFiles(picked);
  const items = page.getByTestId("upload-item");
  await expect(items).toHaveCount(2);
  await expect(items.filter({ hasText: "holiday/day1/beach.txt" })).toContainText("Uploaded");
  await expect(items.filter({ hasText: "holiday/notes.txt" })).toContainText("Uploaded");
  await expect(page.getByRole("link", { name: "holiday/" })).toBeVisible();

  const s3 = s3Client({ accessKeyId: seeded.key.accessKeyId, secretAccessKey: seeded.key.secretAccessKey });
  const listing = await s3.send(new ListObjectsV2Command({ Bucket: seeded.name }));
  expect(listing.Contents?.map((item) => item.Key).sort()).toEqual(["holiday/day1/beach.txt", "holiday/notes.txt"]);
  const beach = await s3.send(new GetObjectCommand({ Bucket: seeded.name, Key: "holiday/day1/beach.txt" }));
  expect(await beach.Body?.transformToString()).toBe("sand\n");
  s3.destroy();
  fs.rmSync(root, { recursive: true, force: true });
});

test("an upload past the bucket's quota is refused in human units, S3's own sentence", async ({ page }) => {
  const seeded = await seedBucket("quota");
  await adminCall("UpdateBucket", { quotas: { maxSize: 500_000, maxObjects: null } }, { id: seeded.bucketId });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "carport-e2e-quota-"));
  const file = path.join(root, "too-big.bin");
  fs.writeFileSync(file, Buffer.alloc(600_000, 7));

  await signInAsAdmin(page);
  await page.goto(`/browse/${seeded.bucketId}`);
  await page.getByLabel("Upload files").setInputFiles(file);
  const item = page.getByTestId("upload-item").filter({ hasText: "too-big.bin" });
  await expect(item).toContainText("Failed");
  await expect(item.getByRole("alert")).toHaveText(
    "The bucket's quota of 500 kB would be exceeded. It holds 0 B; this write would add 600 kB.",
  );
  fs.rmSync(root, { recursive: true, force: true });
});

test("keyboard: sign-in focuses the user name, Skip to content, dialogs focus their first field and say what is wrong", async ({
  page,
}) => {
  await page.goto("/signin");
  await expect(page.getByLabel("User name")).toBeFocused();
  await signInAsAdmin(page);
  await page.goto("/buckets");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();

  await page.getByRole("button", { name: "Create bucket" }).click();
  const dialog = page.getByRole("dialog", { name: "Create a bucket" });
  const name = dialog.getByLabel("Bucket name");
  await expect(name).toBeFocused();
  await name.fill("Not_Valid");
  await name.press("Enter");
  await expect(dialog.getByTestId("field-problem")).toHaveText(
    "A bucket name is 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.",
  );
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});

test("a missing bucket and an unknown address answer 404 with the console's page, not the previous one", async ({
  page,
}) => {
  await signInAsAdmin(page);
  const missing = await page.goto("/buckets/0000000000000000000000000000000000000000000000000000000000000000");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Nothing here" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  const unknown = await page.goto("/no-such-page");
  expect(unknown?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Nothing here" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to the Overview" })).toBeVisible();
});

test("the permission matrix explains R, W and O, marks a saved cell, and badges the console's key read-only", async ({
  page,
}) => {
  const seeded = await seedBucket("matrix");
  const reader = await adminCall<{ accessKeyId: string }>("CreateKey", { name: `${seeded.name}-reader` });
  await signInAsAdmin(page);
  await page.goto(`/browse/${seeded.bucketId}`);
  await expect(page.getByRole("heading", { name: `Objects in ${seeded.name}` })).toBeVisible();

  await page.goto("/keys/permissions");
  const legend = page.getByRole("definition").filter({ hasText: "write and delete objects" });
  await expect(legend).toBeVisible();
  await page.getByRole("searchbox", { name: "Filter buckets" }).fill(seeded.name);
  await page.getByRole("searchbox", { name: "Filter keys" }).fill(`${seeded.name}-reader`);
  const read = page.getByRole("checkbox", { name: `read for ${seeded.name}-reader on ${seeded.name}` });
  await read.check();
  const cell = page.getByTestId("permission-cell").filter({ has: read });
  await expect(cell).toHaveAttribute("data-outcome", "saved");
  await expect(cell.getByText("Saved")).toBeAttached();
  const info = await adminCall<{ keys: Array<{ accessKeyId: string; permissions: { read: boolean } }> }>(
    "GetBucketInfo",
    undefined,
    { id: seeded.bucketId },
  );
  expect(info.keys.find((key) => key.accessKeyId === reader.accessKeyId)?.permissions.read).toBe(true);

  await page.getByRole("searchbox", { name: "Filter keys" }).fill("carport-console");
  await expect(page.getByRole("rowheader", { name: /carport-console/ })).toContainText("console's own key");
  await expect(page.getByRole("checkbox", { name: `read for carport-console on ${seeded.name}` })).toBeDisabled();
});

test("New folder makes an empty folder and opens it; a drop of text is refused with a message", async ({ page }) => {
  const seeded = await seedBucket("new-folder");
  await signInAsAdmin(page);
  await page.goto(`/browse/${seeded.bucketId}`);
  await page.getByRole("button", { name: "New folder" }).click();
  const dialog = page.getByRole("dialog", { name: "New folder" });
  await expect(dialog.getByLabel("Folder name")).toBeFocused();
  await dialog.getByLabel("Folder name").fill("reports");
  await dialog.getByRole("button", { name: "Make folder" }).click();
  await expect(page).toHaveURL(/prefix=reports%2F/);
  const s3 = s3Client({ accessKeyId: seeded.key.accessKeyId, secretAccessKey: seeded.key.secretAccessKey });
  const listing = await s3.send(new ListObjectsV2Command({ Bucket: seeded.name }));
  expect(listing.Contents?.map((item) => item.Key)).toEqual(["reports/"]);
  s3.destroy();

  const transfer = await page.evaluateHandle(() => {
    const data = new DataTransfer();
    data.setData("text/plain", "just some words");
    return data;
  });
  const zone = page.getByTestId("upload-zone");
  await zone.dispatchEvent("dragover", { dataTransfer: transfer });
  await zone.dispatchEvent("drop", { dataTransfer: transfer });
  await expect(page.getByRole("alert").filter({ hasText: "Not uploaded" })).toHaveText(
    "Not uploaded: dropped text. Only files and folders can be uploaded.",
  );
});
