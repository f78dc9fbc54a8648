import { GetObjectCommand } from "@aws-sdk/client-s3";
import type { Browser, Page } from "@playwright/test";
import { s3Client, signInAsAdmin } from "./admin-seed";
import { api, apiOk, seedTenant, type Credentials } from "./console-api";
import { expect, signIn, test } from "./fixtures";

/**
 * The tenants issue's acceptance, in a real browser: an admin makes a tenant and its user;
 * the tenant makes a bucket, uploads into it, makes a key and copies its credentials from
 * the Connect panel, which read the file back through S3; a second tenant cannot see, open
 * or act on any of it; a viewer sees both tenants and has no control that changes anything.
 */
const stamp = Date.now().toString(36);
const tenantName = `acme-${stamp}`;
const tenantUser = { name: `alice-${stamp}`, password: `alice-pw-${stamp}` };
const bucketName = `acme-photos-${stamp}`;
const fileBody = `hello from ${tenantName}\n`;

async function signedIn(browser: Browser, user: Credentials): Promise<Page> {
  const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const page = await context.newPage();
  await signIn(page, user.name, user.password);
  await expect(page).not.toHaveURL(/\/signin/);
  return page;
}

async function adminCreatesTenantAndUser(page: Page): Promise<void> {
  await signInAsAdmin(page);
  await page.goto("/tenants");
  const form = page.getByRole("form", { name: "Create a tenant" });
  await form.getByLabel("Tenant name").fill(tenantName);
  await form.getByLabel("Maximum buckets").fill("3");
  await form.getByLabel("Maximum keys").fill("5");
  await form.getByLabel("Maximum bytes", { exact: true }).fill("100");
  await form.getByLabel("Maximum bytes unit").selectOption("MiB");
  await form.getByLabel("Default bucket quota", { exact: true }).fill("10");
  await form.getByLabel("Default bucket quota unit").selectOption("MiB");
  await form.getByRole("button", { name: "Create tenant" }).click();
  await expect(page.getByText(`Tenant ${tenantName} created.`)).toBeVisible();
  await expect(page.getByRole("link", { name: tenantName })).toBeVisible();

  await page.goto("/users");
  const create = page.getByRole("form", { name: "Create a user" });
  await create.getByLabel("User name").fill(tenantUser.name);
  await create.getByLabel("Password").fill(tenantUser.password);
  await create.getByLabel("Role").selectOption("tenant");
  await create.getByLabel("Tenant").selectOption({ label: tenantName });
  await create.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText(`User ${tenantUser.name} created.`)).toBeVisible();
}

/** The tenant's whole journey; answers the bucket's id and the key's credentials. */
async function tenantWorks(page: Page): Promise<{ bucketId: string; accessKeyId: string; secretAccessKey: string }> {
  await expect(page.getByRole("heading", { name: tenantName })).toBeVisible();
  await expect(page.getByRole("link", { name: "Cluster" })).toHaveCount(0);
  await expect(page.getByLabel("Cluster", { exact: true })).toHaveCount(0);

  await page.goto("/buckets");
  await page.getByRole("button", { name: "Create bucket" }).click();
  const dialog = page.getByRole("dialog", { name: "Create a bucket" });
  await dialog.getByLabel("Bucket name").fill(bucketName);
  await dialog.getByRole("button", { name: "Create bucket" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("link", { name: bucketName }).click();
  await expect(page.getByRole("heading", { name: bucketName })).toBeVisible();
  const bucketId = page.url().split("/").at(-1) ?? "";

  await page.getByRole("link", { name: "Browse objects" }).click();
  await page.getByLabel("Upload files").setInputFiles({
    name: "hello.txt",
    mimeType: "text/plain",
    buffer: Buffer.from(fileBody),
  });
  await expect(page.getByTestId("upload-item").filter({ hasText: "hello.txt" })).toContainText("Uploaded");

  await page.goto(`/buckets/${bucketId}`);
  const connect = page.getByRole("region", { name: "Connect" });
  await connect.getByLabel("New key name").fill(`${tenantName}-reader`);
  await connect.getByRole("button", { name: "Create a key with read and write" }).click();
  await expect(connect.getByLabel("Key with access")).toContainText(`${tenantName}-reader`);
  await connect.getByRole("button", { name: "Copy access key id" }).click();
  await expect(connect.getByRole("button", { name: "Copy access key id" })).toContainText("Copied");
  const accessKeyId = await page.evaluate(() => navigator.clipboard.readText());
  await connect.getByRole("button", { name: "Copy secret key" }).click();
  await expect(connect.getByRole("button", { name: "Copy secret key" })).toContainText("Copied");
  const secretAccessKey = await page.evaluate(() => navigator.clipboard.readText());
  expect(accessKeyId).toMatch(/^GK/);
  expect(secretAccessKey).toMatch(/^[0-9a-f]{64}$/);
  return { bucketId, accessKeyId, secretAccessKey };
}

/** Buttons that would change something, enabled checkboxes and file inputs: a viewer must see none. */
const changingNames =
  /create|delete|upload|save|import|rename|empty|reveal|share|add|remove|disable|enable|reset|apply|stage|revert|edit/i;
const viewOnlyToggles = /^Compact view/;

async function changingControls(page: Page): Promise<string[]> {
  const buttons = await page
    .getByRole("button")
    .evaluateAll((elements) =>
      elements.map((element) => (element.getAttribute("aria-label") ?? element.textContent ?? "").trim()),
    );
  // A checkbox changes something (a right, a selection to delete) unless it only changes the view.
  const checkboxes = await page
    .locator("input[type=checkbox]:not([disabled])")
    .evaluateAll((elements) => elements.map((element) => element.closest("label")?.textContent?.trim() ?? "checkbox"));
  const files = await page.locator("input[type=file]").count();
  return [
    ...buttons.filter((name) => changingNames.test(name)),
    ...checkboxes.filter((label) => !viewOnlyToggles.test(label)).map((label) => `checkbox ${label}`),
    ...(files ? [`${files} file inputs`] : []),
  ];
}

test("tenants: a tenant is self-served end to end, another tenant sees none of it, a viewer sees all and changes nothing", async ({
  page,
  browser,
}) => {
  // Three users' whole journeys and a viewer's walk through every page: a budget for the scenario, not a timing.
  test.setTimeout(180_000);
  await adminCreatesTenantAndUser(page);
  const tenantPage = await signedIn(browser, tenantUser);
  const made = await tenantWorks(tenantPage);

  const s3 = s3Client({ accessKeyId: made.accessKeyId, secretAccessKey: made.secretAccessKey });
  const read = await s3.send(new GetObjectCommand({ Bucket: bucketName, Key: "hello.txt" }));
  expect(await read.Body?.transformToString()).toBe(fileBody);
  s3.destroy();

  // A second tenant: sees nothing of the first, cannot open it by URL or act on it.
  const other = await seedTenant("rival");
  await apiOk("POST", "/buckets", 201, { as: other.user, body: { name: `rival-own-${stamp}` } });
  const rivalPage = await signedIn(browser, other.user);
  await rivalPage.goto("/buckets");
  await expect(rivalPage.getByRole("link", { name: `rival-own-${stamp}` })).toBeVisible();
  await expect(rivalPage.getByText(bucketName)).toHaveCount(0);
  for (const url of [`/buckets/${made.bucketId}`, `/browse/${made.bucketId}`, "/cluster", "/tenants", "/users"]) {
    const response = await rivalPage.goto(url);
    expect(response?.status(), url).toBe(404);
  }
  await rivalPage.goto("/keys");
  await expect(rivalPage.getByText(made.accessKeyId)).toHaveCount(0);
  for (const [method, path, body] of [
    ["GET", `/buckets/${bucketName}`, undefined],
    ["DELETE", `/buckets/${bucketName}`, undefined],
    ["GET", `/keys/${made.accessKeyId}?showSecret=true`, undefined],
    ["DELETE", `/keys/${made.accessKeyId}`, undefined],
    ["PUT", `/keys/${made.accessKeyId}/buckets/${bucketName}`, { read: true }],
  ] as const) {
    const answer = await api(method, path, { as: other.user, body });
    expect(answer.status, `${method} ${path}`).toBe(404);
  }
  expect((await api("GET", `/buckets/${bucketName}`, { as: tenantUser })).status).toBe(200);

  // A viewer: both tenants' buckets, and not one control that changes anything, anywhere.
  const viewer = { name: `viewer-${stamp}`, password: `viewer-pw-${stamp}` };
  await apiOk("POST", "/users", 201, { body: { ...viewer, role: "viewer", tenant: null } });
  const viewerPage = await signedIn(browser, viewer);
  await viewerPage.goto("/buckets");
  await expect(viewerPage.getByRole("link", { name: bucketName })).toBeVisible();
  await expect(viewerPage.getByRole("link", { name: `rival-own-${stamp}` })).toBeVisible();
  await expect(viewerPage.getByRole("row", { name: new RegExp(bucketName) })).toContainText(tenantName);
  const tenants = await apiOk<{ items: { id: string; name: string }[] }>("GET", "/tenants", 200);
  const tenantId = tenants.items.find((item) => item.name === tenantName)?.id ?? "";
  const pages = [
    "/",
    "/buckets",
    `/buckets/${made.bucketId}`,
    `/browse/${made.bucketId}`,
    "/keys",
    "/keys/permissions",
    "/tenants",
    `/tenants/${tenantId}`,
    "/users",
    "/cluster",
    "/cluster/layout",
    "/tokens",
    "/connections",
  ];
  for (const url of pages) {
    const response = await viewerPage.goto(url);
    expect(response?.status(), url).toBe(200);
    await viewerPage.waitForLoadState("networkidle");
    expect(await changingControls(viewerPage), url).toEqual([]);
  }
  await viewerPage.goto(`/browse/${made.bucketId}`);
  await expect(viewerPage.getByRole("button", { name: "hello.txt", exact: true })).toBeVisible();
});
