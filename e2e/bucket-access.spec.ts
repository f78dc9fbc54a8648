import { PutObjectCommand } from "@aws-sdk/client-s3";
import { adminCall, s3Client, signInAsAdmin } from "./admin-seed";
import { engineUrls, expect, test } from "./fixtures";

/** The bucket page's Access section: a policy from a template makes the bucket public, in every list and for real. */

test("access: a public-read policy from its template opens the bucket, shows it public, and closes again", async ({
  page,
}) => {
  const name = `e2e-access-${Date.now()}`;
  const bucket = await adminCall<{ id: string }>("CreateBucket", { globalAlias: name });
  const created = await adminCall<{ accessKeyId: string; secretAccessKey: string }>("CreateKey", {
    name: `${name}-key`,
    neverExpires: true,
  });
  await adminCall("AllowBucketKey", {
    bucketId: bucket.id,
    accessKeyId: created.accessKeyId,
    permissions: { read: true, write: true },
  });
  const seeder = s3Client({ accessKeyId: created.accessKeyId, secretAccessKey: created.secretAccessKey });
  await seeder.send(new PutObjectCommand({ Bucket: name, Key: "hello.txt", Body: "hello" }));
  seeder.destroy();
  const anonymousRead = async () => (await fetch(`${engineUrls.s3()}/${name}/hello.txt`)).status;
  expect(await anonymousRead()).toBe(403);

  await signInAsAdmin(page);
  await page.goto(`/buckets/${bucket.id}`);
  const access = page.getByRole("region", { name: "Access" });
  await expect(access.getByText("No policy")).toBeVisible();
  const editor = access.getByLabel("Bucket policy (JSON)");
  await editor.fill("{ not json");
  await expect(access.getByText(/not valid JSON/)).toBeVisible();
  await expect(access.getByRole("button", { name: "Save policy" })).toBeDisabled();

  await access.getByRole("button", { name: "Anyone can read objects" }).click();
  await expect(editor).toHaveValue(new RegExp(`arn:aws:s3:::${name}/\\*`));
  await access.getByRole("button", { name: "Save policy" }).click();
  await expect(access.getByText("Public policy")).toBeVisible();
  expect(await anonymousRead()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name })).toContainText("Public");

  await page.goto("/buckets");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name }) });
  await expect(row.getByText("Public")).toBeVisible();

  await page.goto(`/buckets/${bucket.id}`);
  await access.getByRole("button", { name: "Delete policy" }).click();
  await expect(access.getByText("No policy")).toBeVisible();
  expect(await anonymousRead()).toBe(403);
  await page.goto("/buckets");
  await expect(row.getByText("Public")).toBeHidden();
});

test("access: a public-read ACL set in the form opens the listing, shows Public in the browse list and the matrix, and private closes it", async ({
  page,
}) => {
  const name = `e2e-acl-${Date.now()}`;
  const bucket = await adminCall<{ id: string }>("CreateBucket", { globalAlias: name });
  const anonymousList = async () => (await fetch(`${engineUrls.s3()}/${name}?list-type=2`)).status;
  expect(await anonymousList()).toBe(403);

  await signInAsAdmin(page);
  await page.goto(`/buckets/${bucket.id}`);
  const access = page.getByRole("region", { name: "Access" });
  const grants = access.getByRole("table", { name: "Grants of the bucket's ACL" });
  await expect(grants.getByRole("row")).toHaveCount(2);
  await access.getByLabel("Canned ACL").selectOption("public-read");
  await access.getByRole("button", { name: "Set ACL" }).click();
  await expect(grants.getByRole("row", { name: /AllUsers\s+READ/ })).toBeVisible();
  expect(await anonymousList()).toBe(200);

  await page.goto("/browse");
  await expect(page.getByRole("link", { name: new RegExp(name) }).getByText("Public")).toBeVisible();
  await page.goto("/keys/permissions");
  await page.getByLabel("Filter buckets").fill(name);
  const column = page.getByRole("columnheader", { name: new RegExp(name) });
  await expect(column.getByText("Public")).toBeVisible();

  await page.goto(`/buckets/${bucket.id}`);
  await access.getByLabel("Canned ACL").selectOption("private");
  await access.getByRole("button", { name: "Set ACL" }).click();
  await expect(grants.getByRole("row", { name: /AllUsers/ })).toBeHidden();
  expect(await anonymousList()).toBe(403);
  await page.goto("/browse");
  await expect(page.getByRole("link", { name: new RegExp(name) })).toBeVisible();
  await expect(page.getByRole("link", { name: new RegExp(name) }).getByText("Public")).toBeHidden();
});

test("access: the refuse-plain-HTTP template locks out even the ACL's reading, says so, and the policy can still be deleted", async ({
  page,
}) => {
  const name = `e2e-tls-${Date.now()}`;
  const bucket = await adminCall<{ id: string }>("CreateBucket", { globalAlias: name });
  await signInAsAdmin(page);
  await page.goto(`/buckets/${bucket.id}`);
  const access = page.getByRole("region", { name: "Access" });
  await expect(access.getByRole("button", { name: "Set ACL" })).toBeVisible();
  await access.getByRole("button", { name: "Refuse requests over plain HTTP" }).click();
  await expect(access.getByText(/Requests over plain HTTP are refused/)).toBeVisible();
  await access.getByRole("button", { name: "Save policy" }).click();
  await expect(access.getByText("Policy set")).toBeVisible();
  await expect(access.getByText(/policy refuses reading the ACL/)).toBeVisible();
  await expect(access.getByRole("button", { name: "Set ACL" })).toBeHidden();

  await access.getByRole("button", { name: "Delete policy" }).click();
  await expect(access.getByText("No policy")).toBeVisible();
  await expect(access.getByRole("button", { name: "Set ACL" })).toBeVisible();
});
