import path from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { adminCall, s3Client, signInAsAdmin } from "./admin-seed";
import { expect, test } from "./fixtures";

const screenshots = path.join(import.meta.dirname, ".artifacts", "screenshots");

test("permissions: a key created in the UI writes once granted through the matrix, and is refused once revoked", async ({
  page,
}) => {
  const stamp = Date.now();
  const bucket = `e2e-perm-${stamp}`;
  const keyName = `e2e-writer-${stamp}`;
  await adminCall("CreateBucket", { globalAlias: bucket });

  await signInAsAdmin(page);
  await page.goto("/keys");
  await page.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog", { name: "Create an access key" });
  await dialog.getByLabel("Name").fill(keyName);
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog).toBeHidden();
  const item = page.getByRole("listitem", { name: keyName });
  await item.getByRole("button", { name: "Reveal secret key" }).click();
  await expect(item.getByTestId("secret-value")).toHaveText(/^[0-9a-f]{64}$/);
  const secretAccessKey = (await item.getByTestId("secret-value").textContent()) ?? "";
  const accessKeyId = (await item.getByText(/^GK[0-9a-f]+$/).textContent()) ?? "";
  expect(accessKeyId).toMatch(/^GK/);

  await page.goto("/keys/permissions");
  await page.getByRole("searchbox", { name: "Filter keys" }).fill(keyName);
  await page.getByRole("searchbox", { name: "Filter buckets" }).fill(bucket);
  const read = page.getByRole("checkbox", { name: `read for ${keyName} on ${bucket}` });
  const write = page.getByRole("checkbox", { name: `write for ${keyName} on ${bucket}` });
  await expect(write).not.toBeChecked();
  await read.check();
  await write.check();
  await expect(read).toHaveAttribute("aria-busy", "false");
  await expect(write).toHaveAttribute("aria-busy", "false");
  await page.screenshot({ path: path.join(screenshots, "permissions.png"), fullPage: true });

  const s3 = s3Client({ accessKeyId, secretAccessKey });
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "granted.txt", Body: "hello" }));

  await write.uncheck();
  await expect(write).toHaveAttribute("aria-busy", "false");
  await expect(write).not.toBeChecked();
  await page.reload();
  await page.getByRole("searchbox", { name: "Filter keys" }).fill(keyName);
  await page.getByRole("searchbox", { name: "Filter buckets" }).fill(bucket);
  await expect(page.getByRole("checkbox", { name: `write for ${keyName} on ${bucket}` })).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: `read for ${keyName} on ${bucket}` })).toBeChecked();

  const refused = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "refused.txt", Body: "no" })).then(
    () => null,
    (error: unknown) => error,
  );
  expect(refused).toMatchObject({ name: "AccessDenied" });
  s3.destroy();
});

test("permissions: a failed change is rolled back with a message", async ({ page }) => {
  const stamp = Date.now();
  const bucket = `e2e-gone-${stamp}`;
  const created = await adminCall<{ id: string }>("CreateBucket", { globalAlias: bucket });
  const key = await adminCall<{ accessKeyId: string }>("CreateKey", {
    name: `e2e-rollback-${stamp}`,
    neverExpires: true,
  });
  await signInAsAdmin(page);
  await page.goto("/keys/permissions");
  await page.getByRole("searchbox", { name: "Filter keys" }).fill(`e2e-rollback-${stamp}`);
  await page.getByRole("searchbox", { name: "Filter buckets" }).fill(bucket);
  // The filters are applied on the server: the box is enabled once the filtered page has come back
  // (an earlier page may show it, disabled, meanwhile).
  const owner = page.getByRole("checkbox", { name: `owner for e2e-rollback-${stamp} on ${bucket}` });
  await expect(owner).toBeEnabled();
  // The bucket disappears behind the page's back: the grant must fail and be undone.
  await adminCall("DeleteBucket", undefined, { id: created.id }, "POST");
  await owner.click();
  await expect(page.getByRole("alert").filter({ hasText: "Could not grant owner" })).toBeVisible();
  await expect(owner).not.toBeChecked();
  expect(key.accessKeyId).toMatch(/^GK/);
});
