import {
  DeleteObjectCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { adminPassword, adminToken, engineUrls, expect, signIn, test } from "./fixtures";

/**
 * Versions and tags in the console, against the real engine: versioning turned on from the
 * bucket page, the object browser's versions shown, an older version restored and another
 * deleted, an object's tags edited, versioning suspended again. Each step checked through S3.
 */

async function adminCall<T>(operation: string, body: unknown): Promise<T> {
  const response = await fetch(`${engineUrls.admin()}/v2/${operation}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${adminToken()}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${operation}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function seedBucket(name: string): Promise<{ bucketId: string; s3: S3Client }> {
  const key = await adminCall<{ accessKeyId: string; secretAccessKey: string }>("CreateKey", {
    name: `e2e-${name}`,
    neverExpires: true,
  });
  const bucket = await adminCall<{ id: string }>("CreateBucket", { globalAlias: name });
  await adminCall("AllowBucketKey", {
    bucketId: bucket.id,
    accessKeyId: key.accessKeyId,
    permissions: { read: true, write: true, owner: true },
  });
  const s3 = new S3Client({
    endpoint: engineUrls.s3(),
    region: "garage",
    forcePathStyle: true,
    credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
  });
  return { bucketId: bucket.id, s3 };
}

async function read(s3: S3Client, bucket: string, key: string): Promise<string> {
  const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return (await answer.Body?.transformToString()) ?? "";
}

test("versions: turn versioning on, restore and delete versions, edit tags, suspend", async ({ page }) => {
  test.setTimeout(120_000);
  const name = `e2e-versions-${Date.now()}`;
  const { bucketId, s3 } = await seedBucket(name);
  await signIn(page, "admin", adminPassword());
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();

  await page.goto(`/buckets/${bucketId}`);
  const versioning = page.getByRole("region", { name: "Versioning" });
  await expect(versioning).toContainText("Versioning off");
  await versioning.getByRole("button", { name: "Turn versioning on" }).click();
  await expect(versioning).toContainText("Versioning on");

  const first = await s3.send(new PutObjectCommand({ Bucket: name, Key: "doc.txt", Body: "first" }));
  await s3.send(new PutObjectCommand({ Bucket: name, Key: "doc.txt", Body: "second" }));
  const firstId = first.VersionId ?? "";
  expect(firstId).not.toBe("");

  await page.goto(`/browse/${bucketId}`);
  await page.getByRole("switch", { name: "Show versions" }).click();
  await expect(page.getByTestId("version-row")).toHaveCount(2);
  await page.getByRole("button", { name: `Restore doc.txt, version ${firstId.slice(0, 12)}…` }).click();
  await expect(page.getByText("Restored doc.txt: that version is current again.")).toBeVisible();
  await expect(page.getByTestId("version-row")).toHaveCount(3);
  expect(await read(s3, name, "doc.txt")).toBe("first");

  await page.getByRole("button", { name: `Delete doc.txt, version ${firstId.slice(0, 12)}…` }).click();
  const confirm = page.getByRole("dialog", { name: "Delete version" });
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("Deleted a version of doc.txt.")).toBeVisible();
  await expect(page.getByTestId("version-row")).toHaveCount(2);
  const left = await s3.send(new ListObjectVersionsCommand({ Bucket: name }));
  expect(left.Versions?.map((version) => version.VersionId)).not.toContain(firstId);
  expect(left.Versions).toHaveLength(2);

  await page.getByRole("switch", { name: "Hide versions" }).click();
  await page.getByRole("button", { name: "doc.txt", exact: true }).click();
  const details = page.getByTestId("object-details");
  await expect(details).toContainText("No tags.");
  await details.getByRole("button", { name: "Add tag" }).click();
  await details.getByLabel("Tag key 1").fill("team");
  await details.getByLabel("Tag value 1").fill("storage");
  await details.getByRole("button", { name: "Save tags" }).click();
  await expect(details.getByText("Tags saved.")).toBeVisible();
  const tags = await s3.send(new GetObjectTaggingCommand({ Bucket: name, Key: "doc.txt" }));
  expect(tags.TagSet).toEqual([{ Key: "team", Value: "storage" }]);

  await page.goto(`/buckets/${bucketId}`);
  await versioning.getByRole("button", { name: "Suspend versioning" }).click();
  await expect(versioning).toContainText("Versioning suspended");

  // Deleted objects keep their versions: the bucket is emptied of every version before it goes.
  await s3.send(new DeleteObjectCommand({ Bucket: name, Key: "doc.txt" }));
  const danger = page.getByRole("region", { name: "Delete" });
  const deleteBucket = async () => {
    await danger.getByRole("button", { name: "Delete bucket" }).click();
    await page
      .getByRole("dialog", { name: `Delete ${name}?` })
      .getByRole("button", { name: "Delete bucket" })
      .click();
  };
  await deleteBucket();
  await expect(danger.getByRole("alert")).toContainText("older versions of objects or delete markers");
  await danger.getByRole("button", { name: "Empty the bucket first" }).click();
  await page
    .getByRole("dialog", { name: `Empty ${name}?` })
    .getByRole("button", { name: "Delete all objects" })
    .click();
  await expect(danger.getByText(/Deleted 3 objects/)).toBeVisible();
  await deleteBucket();
  await expect(page).toHaveURL(/\/buckets$/);
});
