import path from "node:path";
import { ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import type { Page } from "@playwright/test";
import { adminCall, s3Client, signInAsAdmin } from "./admin-seed";
import { expect, test } from "./fixtures";

const screenshots = path.join(import.meta.dirname, ".artifacts", "screenshots");

async function deleteFromPage(page: Page, name: string): Promise<void> {
  await page.getByRole("region", { name: "Delete" }).getByRole("button", { name: "Delete bucket" }).click();
  await page
    .getByRole("dialog", { name: `Delete ${name}?` })
    .getByRole("button", { name: "Delete bucket" })
    .click();
}

test("buckets: create with a global alias, set a quota, enable the website, delete it empty", async ({ page }) => {
  const name = `e2e-bucket-${Date.now()}`;
  await signInAsAdmin(page);
  await page.goto("/buckets");
  await page.getByRole("button", { name: "Create bucket" }).click();
  const dialog = page.getByRole("dialog", { name: "Create a bucket" });
  await dialog.getByLabel("Bucket name").fill(name);
  await dialog.getByRole("button", { name: "Create bucket" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  const quotas = page.getByRole("region", { name: "Quotas" });
  await quotas.getByLabel("Maximum size").fill("5");
  await quotas.getByLabel("Size unit").selectOption("GB");
  await quotas.getByLabel("Maximum objects").fill("100");
  await quotas.getByRole("button", { name: "Save quotas" }).click();
  await expect(quotas.getByText("Quotas saved.")).toBeVisible();
  await expect(page.getByText("0 of 100")).toBeVisible();
  await expect(page.getByText("0 B of 5.00 GB")).toBeVisible();

  const website = page.getByRole("region", { name: "Website" });
  await website.getByLabel("Serve this bucket as a website").check();
  await website.getByLabel("Index document").fill("index.html");
  await website.getByRole("button", { name: "Save website" }).click();
  await expect(website.getByText("Website settings saved.")).toBeVisible();
  await expect(website.getByTestId("website-url")).toContainText(`Host: ${name}`);
  await page.screenshot({ path: path.join(screenshots, "bucket.png"), fullPage: true });

  await page.goto("/buckets");
  await expect(page.getByRole("meter", { name: `Objects in ${name} against its quota` })).toHaveAttribute(
    "aria-valuenow",
    "0",
  );
  await page.screenshot({ path: path.join(screenshots, "buckets.png"), fullPage: true });
  await page.getByRole("link", { name }).click();
  await deleteFromPage(page, name);
  await expect(page).toHaveURL(/\/buckets$/);
  await expect(page.getByRole("link", { name })).toBeHidden();
});

test("buckets: the Connect panel's credentials work, a non-empty bucket explains the refusal and can be emptied", async ({
  page,
}) => {
  const name = `e2e-full-${Date.now()}`;
  const bucket = await adminCall<{ id: string }>("CreateBucket", { globalAlias: name });
  const key = await adminCall<{ accessKeyId: string; secretAccessKey: string }>("CreateKey", {
    name: `${name}-key`,
    neverExpires: true,
  });
  await adminCall("AllowBucketKey", {
    bucketId: bucket.id,
    accessKeyId: key.accessKeyId,
    permissions: { read: true, write: true },
  });
  const seeder = s3Client({ accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey });
  await seeder.send(new PutObjectCommand({ Bucket: name, Key: "hello.txt", Body: "hello" }));
  seeder.destroy();

  await signInAsAdmin(page);
  await page.goto(`/buckets/${bucket.id}`);
  const connect = page.getByRole("region", { name: "Connect" });
  await expect(connect.getByLabel("Key with access")).toContainText(`${name}-key`);
  await connect.getByRole("button", { name: "Reveal secret key" }).click();
  await expect(connect.getByTestId("secret-value")).toHaveText(/^[0-9a-f]{64}$/);
  const rclone = (await connect.getByLabel("rclone", { exact: true }).textContent()) ?? "";
  const value = (field: string) => new RegExp(`^${field} = (.+)$`, "m").exec(rclone)?.[1] ?? "";
  expect(value("secret_access_key")).toMatch(/^[0-9a-f]{64}$/);
  await page.screenshot({ path: path.join(screenshots, "connect.png"), fullPage: true });

  const client = s3Client(
    { accessKeyId: value("access_key_id"), secretAccessKey: value("secret_access_key") },
    value("endpoint"),
    value("region"),
  );
  const listing = await client.send(new ListObjectsV2Command({ Bucket: name }));
  expect(listing.Contents?.map((item) => item.Key)).toEqual(["hello.txt"]);
  client.destroy();

  await deleteFromPage(page, name);
  const danger = page.getByRole("region", { name: "Delete" });
  await expect(danger.getByRole("alert")).toContainText("This bucket is not empty: 1 object.");
  await danger.getByRole("button", { name: "Empty the bucket first" }).click();
  await page
    .getByRole("dialog", { name: `Empty ${name}?` })
    .getByRole("button", { name: "Delete all objects" })
    .click();
  await expect(danger.getByText(/Deleted 1 objects/)).toBeVisible();
  await deleteFromPage(page, name);
  await expect(page).toHaveURL(/\/buckets$/);
});
