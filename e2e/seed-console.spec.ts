import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { parse as parseYaml } from "yaml";
import { ensureDebianAwsCli, ensureDebianTool, debianAwsPath } from "../scripts/lib/system-deps";
import { hikubeBucketInfoExample, hikubeManifestExample } from "../tests/seeds/seed-examples";
import { s3Client } from "./admin-seed";
import type { Browser, Page } from "@playwright/test";
import { api, apiOk, seedTenant } from "./console-api";
import { engineUrls, expect, signIn, test } from "./fixtures";

/**
 * The seed systems in the console, in a real browser: a tenant pastes Hikube's
 * `backup-prod` manifest, reads its BucketInfo and downloads the Secret, whose
 * credentials (taken out by the seed's own jq command) put and get; a tenant makes an S3
 * credential on the "S3 credentials" page, whose copyable set-ups work as written with
 * Debian's aws-cli and s3cmd, and deletes it after a confirmation.
 */
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

/** Keys in order, with every value that is not a string (as hikube-api.spec.ts compares them). */
function skeleton(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(skeleton);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, skeleton(item)]));
  return typeof value === "string" ? "string" : value;
}

/** A viewer (sees every tenant, changes nothing and reads no secret), signed in in a browser of its own. */
async function viewerPage(browser: Browser): Promise<{ page: Page; as: { name: string; password: string } }> {
  const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const as = { name: `seed-viewer-${stamp}`, password: `viewer-pw-${stamp}` };
  await apiOk("POST", "/users", 201, { body: { ...as, role: "viewer", tenant: null } });
  const context = await browser.newContext({ baseURL: process.env.CARPORT_E2E_BASE_URL });
  const page = await context.newPage();
  await signIn(page, as.name, as.password);
  await expect(page).not.toHaveURL(/\/signin/);
  return { page, as };
}

/** Controls that would change something or show a secret. */
const forbiddenControls = /create|delete|reveal|download|apply|upload|show the secret/i;

test("hikube console: a tenant pastes the seed's backup-prod manifest, reads its BucketInfo, downloads the Secret whose credentials work", async ({
  page,
  browser,
}) => {
  const { tenant, user } = await seedTenant("hikube-ui");
  await signIn(page, user.name, user.password);
  await expect(page).not.toHaveURL(/\/signin/);
  await page.goto("/hikube");
  const manifest = page.getByLabel("Bucket manifest");

  // A malformed manifest is refused with a sentence naming the field.
  await manifest.fill(hikubeManifestExample().replace("kind: Bucket", "kind: Volume"));
  await page.getByRole("button", { name: "Apply the manifest" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "kind: expected Bucket" })).toBeVisible();

  await manifest.fill(hikubeManifestExample());
  await page.getByRole("button", { name: "Apply the manifest" }).click();
  await expect(page).toHaveURL(/\/hikube\/backup-prod$/);
  await expect(page.getByRole("heading", { name: "bucket-backup-prod" })).toBeVisible();
  const info = page.getByLabel("BucketInfo", { exact: true });
  await expect(info).toContainText('"authenticationType": "KEY"');
  await expect(info).toContainText("REVEAL_THE_SECRET_KEY");
  for (const label of ["endpoint", "region", "bucket name", "access key id", "secret key"])
    await expect(page.getByRole("button", { name: `Copy ${label}` })).toBeVisible();

  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download the Secret (YAML)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("bucket-backup-prod.yaml");
  const secret = parseYaml(fs.readFileSync(await download.path(), "utf8")) as {
    kind: string;
    type: string;
    metadata: { name: string };
  };
  expect(secret).toMatchObject({
    apiVersion: "v1",
    kind: "Secret",
    type: "Opaque",
    metadata: { name: "bucket-backup-prod" },
  });
  const [accessKeyId, secretAccessKey] = extractCredentials(JSON.stringify(secret));

  // The page's BucketInfo, now with the secret, is the Secret's, in the seed's shape.
  await expect(info).toContainText(secretAccessKey);
  const shown = JSON.parse((await info.textContent()) ?? "") as {
    spec: { bucketName: string; secretS3: { endpoint: string } };
  };
  expect(skeleton(shown)).toEqual(skeleton(hikubeBucketInfoExample()));
  expect(shown.spec.secretS3.endpoint).toBe(engineUrls.s3());

  const s3 = s3Client({ accessKeyId, secretAccessKey }, shown.spec.secretS3.endpoint);
  await s3.send(new PutObjectCommand({ Bucket: shown.spec.bucketName, Key: "dump.sql", Body: "from the console" }));
  const read = await s3.send(new GetObjectCommand({ Bucket: shown.spec.bucketName, Key: "dump.sql" }));
  expect(await read.Body?.transformToString()).toBe("from the console");

  // The manifest uploaded as a file, here as JSON, does the same.
  await page.goto("/hikube");
  await expect(page.getByRole("link", { name: "backup-prod" })).toBeVisible();
  const jsonManifest = { apiVersion: "apps.cozystack.io/v1alpha1", kind: "Bucket", metadata: { name: "logs-json" } };
  await page.getByLabel("Or upload the manifest file").setInputFiles({
    name: "bucket.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(jsonManifest)),
  });
  await expect(manifest).toHaveValue(/logs-json/);
  await page.getByRole("button", { name: "Apply the manifest" }).click();
  await expect(page.getByRole("heading", { name: "bucket-logs-json" })).toBeVisible();
  await page.goto("/hikube");
  // The bucket's own page leads to its BucketInfo and Secret.
  await page.goto("/buckets");
  await page.getByRole("link", { name: "backup-prod", exact: true }).click();
  await page.getByRole("link", { name: "its BucketInfo and Secret" }).click();
  await expect(page).toHaveURL(/\/hikube\/backup-prod$/);

  // A viewer sees the bucket and its BucketInfo, never its secret, and no control.
  const viewer = await viewerPage(browser);
  await viewer.page.goto(`/hikube/backup-prod?tenant=${tenant.id}`);
  await expect(viewer.page.getByLabel("BucketInfo", { exact: true })).toContainText("REVEAL_THE_SECRET_KEY");
  await expect(viewer.page.getByRole("button", { name: forbiddenControls })).toHaveCount(0);
  await viewer.page.goto("/hikube");
  await expect(viewer.page.getByRole("link", { name: "backup-prod" }).first()).toBeVisible();
  await expect(viewer.page.getByRole("button", { name: forbiddenControls })).toHaveCount(0);
  const secretAsViewer = await api("GET", `/secrets/bucket-backup-prod?tenant=${tenant.id}`, { as: viewer.as });
  expect(secretAsViewer.status).toBe(403);
  expect(secretAsViewer.text).not.toContain(secretAccessKey);
  await viewer.page.context().close();
});

/** Runs a set-up's lines in bash with a home of its own, so a profile or config file lands there. */
function runSetup(lines: string[], home: string): string {
  // Debian's aws first, and none of the runner's own AWS_* settings: only what the set-up writes.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    PATH: `${path.dirname(debianAwsPath)}:${process.env.PATH ?? ""}`,
  };
  for (const name of Object.keys(env)) if (name.startsWith("AWS_")) delete env[name];
  const run = spawnSync("bash", ["-e", "-c", lines.join("\n")], { encoding: "utf8", timeout: 120_000, env });
  expect(run.status, `${lines.join("\n")}\n${run.stderr}`).toBe(0);
  return run.stdout;
}

test("s3 credentials console: create, client set-ups that work as written, the secret re-read, delete after confirmation", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  ensureDebianAwsCli();
  ensureDebianTool("/usr/bin/s3cmd", "s3cmd");
  const { tenant, user } = await seedTenant("creds-ui");
  const other = await seedTenant("creds-other");
  const bucket = `${tenant.name}-files`;
  await apiOk("POST", "/buckets", 201, { as: user, body: { name: bucket } });
  await apiOk("POST", "/buckets", 201, { as: other.user, body: { name: `${other.tenant.name}-theirs` } });

  await signIn(page, user.name, user.password);
  await expect(page).not.toHaveURL(/\/signin/);
  await page.getByRole("link", { name: "S3 credentials" }).click();
  await expect(page.getByRole("heading", { name: "S3 credentials" })).toBeVisible();
  await expect(page.getByText("No S3 credentials yet.")).toBeVisible();
  await page.getByRole("button", { name: "Create a credential" }).click();
  const card = page.getByRole("region", { name: /^Credential GK/ });
  await expect(card).toBeVisible();
  const accessKeyId = ((await card.getByRole("heading").textContent()) ?? "").trim();
  const region = ((await card.getByLabel("Region", { exact: true }).textContent()) ?? "").trim();
  const endpoint = ((await card.getByLabel("Endpoint", { exact: true }).textContent()) ?? "").trim();
  expect(endpoint).toBe(engineUrls.s3());

  // Made here, its secret is in the set-ups at once; each client's set-up names this Carport.
  const setup = async (title: string) => ((await card.getByLabel(title, { exact: true }).textContent()) ?? "").trim();
  const aws = await setup("aws-cli");
  expect(aws).toContain(`aws configure set --profile ${region} aws_access_key_id ${accessKeyId}`);
  expect(aws).toContain(`--endpoint-url ${endpoint}`);
  expect(await setup("MinIO client (mc)")).toContain(`mc alias set ${region} ${endpoint} ${accessKeyId} `);
  const s3cmdFile = await setup("s3cmd");
  expect(s3cmdFile).toContain(`s3cmd -c ~/.s3cfg-${region}`);
  expect(await setup("rclone")).toContain(`[${region}]`);
  expect(await setup("Python (boto3)")).toContain(`endpoint_url="${endpoint}"`);
  const secretAccessKey = /aws_secret_access_key (\S+)/.exec(aws)?.[1] ?? "";
  expect(secretAccessKey).toMatch(/^[0-9a-f]{64}$/);

  // The set-ups work as written: aws-cli's profile with --endpoint-url, s3cmd's own file.
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "carport-setups-"));
  try {
    const awsLines = aws.split("\n").filter((line) => line.startsWith("aws ") && !line.includes(" s3 mb "));
    const listed = JSON.parse(runSetup(awsLines, home)) as { Buckets: { Name: string }[] };
    expect(listed.Buckets.map((item) => item.Name)).toEqual([bucket]);
    fs.writeFileSync(path.join(home, `.s3cfg-${region}`), s3cmdFile);
    expect(runSetup([`s3cmd -c ~/.s3cfg-${region} ls`], home)).toContain(`s3://${bucket}`);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }

  // The pair reads and writes the tenant's buckets and no other tenant's.
  const s3 = s3Client({ accessKeyId, secretAccessKey });
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "a.txt", Body: "mine" }));
  await expect(
    s3.send(new PutObjectCommand({ Bucket: `${other.tenant.name}-theirs`, Key: "x", Body: "x" })),
  ).rejects.toMatchObject({ name: "AccessDenied" });

  // Read again later, the secret is masked until revealed, then the same.
  await page.reload();
  await expect(card.getByTestId("secret-value")).not.toContainText(secretAccessKey);
  await expect(card.getByLabel("aws-cli", { exact: true })).toContainText("REVEAL_THE_SECRET_KEY");
  await card.getByRole("button", { name: "Reveal secret key" }).click();
  await expect(card.getByTestId("secret-value")).toHaveText(secretAccessKey);
  await expect(card.getByLabel("aws-cli", { exact: true })).toContainText(secretAccessKey);

  // A viewer sees the credential and its set-ups, never its secret, and no control.
  const viewer = await viewerPage(browser);
  await viewer.page.goto("/credentials");
  const seen = viewer.page.getByRole("region", { name: `Credential ${accessKeyId}` });
  await expect(seen.getByLabel("aws-cli", { exact: true })).toContainText("REVEAL_THE_SECRET_KEY");
  await expect(viewer.page.getByRole("button", { name: forbiddenControls })).toHaveCount(0);
  await viewer.page.context().close();

  // Deleted after a confirmation: gone from the page, refused at the next request.
  await card.getByRole("button", { name: `Delete ${accessKeyId}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete credential" }).click();
  await expect(page.getByText("No S3 credentials yet.")).toBeVisible();
  await expect(s3.send(new GetObjectCommand({ Bucket: bucket, Key: "a.txt" }))).rejects.toMatchObject({
    name: "InvalidAccessKeyId",
    $metadata: { httpStatusCode: 403 },
  });
});
