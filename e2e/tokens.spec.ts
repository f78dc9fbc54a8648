import path from "node:path";
import { signInAsAdmin } from "./admin-seed";
import { engineUrls, expect, test } from "./fixtures";

const screenshots = path.join(import.meta.dirname, ".artifacts", "screenshots");

function asToken(secret: string, operation: string): Promise<Response> {
  return fetch(`${engineUrls.admin()}/v2/${operation}`, { headers: { Authorization: `Bearer ${secret}` } });
}

test("create a scoped admin token (secret shown once), use it against the admin API, delete it", async ({ page }) => {
  const name = `e2e-token-${Date.now()}`;
  await signInAsAdmin(page);
  await page.getByRole("link", { name: "Admin tokens" }).click();
  await expect(page.getByRole("heading", { name: "Admin tokens" })).toBeVisible();

  await page.getByLabel("Token name").fill(name);
  // Scope: grouped checkboxes; "Read-only" ticks only reads, then narrowed to two endpoints.
  const scope = page.getByRole("group", { name: "Scope" });
  await scope.getByRole("button", { name: "Read-only" }).click();
  await expect(scope.getByLabel("ListKeys", { exact: true })).toBeChecked();
  await expect(scope.getByLabel("CreateBucket", { exact: true })).not.toBeChecked();
  await scope.getByLabel("Every endpoint (*), including ones added later").check();
  await scope.getByLabel("Every endpoint (*), including ones added later").uncheck();
  await scope.getByLabel("GetClusterHealth", { exact: true }).check();
  await scope.getByLabel("ListBuckets", { exact: true }).check();
  await page.getByRole("button", { name: "Create token" }).click();
  const created = page.getByTestId("created-token");
  await expect(created).toContainText("shown only this once");
  const secret = (await created.getByLabel("Secret token", { exact: true }).textContent()) ?? "";
  expect(secret).toMatch(/^[0-9a-f]+\.\S+$/);
  await page.screenshot({ path: path.join(screenshots, "tokens.png"), fullPage: true });

  const info = await asToken(secret, "GetCurrentAdminTokenInfo");
  expect(info.status).toBe(200);
  expect(await info.json()).toMatchObject({ name, scope: ["GetClusterHealth", "ListBuckets"], expired: false });
  expect((await asToken(secret, "GetClusterHealth")).status).toBe(200);
  expect((await asToken(secret, "ListKeys")).status).toBe(403);

  // After a reload the list shows the token, never its secret again.
  await page.reload();
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("GetClusterHealth, ListBuckets");
  expect(await page.content()).not.toContain(secret);

  await row.getByRole("button", { name: `Delete token ${name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete token" }).click();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toHaveCount(0);
  expect((await asToken(secret, "GetCurrentAdminTokenInfo")).status).toBe(403);
});
