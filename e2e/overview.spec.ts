import path from "node:path";
import { adminCall, signInAsAdmin } from "./admin-seed";
import { adminPassword, adminToken, engineUrls, expect, signIn, test } from "./fixtures";

const artifactsDir = path.join(import.meta.dirname, ".artifacts");

test("a signed-out visitor is sent to the sign-in page", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByRole("heading", { name: "Sign in to Carport" })).toBeVisible();
});

test("a wrong password is refused", async ({ page }) => {
  await signIn(page, "admin", "not-the-password");
  // Next's route announcer is also role=alert; pick ours by its text.
  await expect(page.getByRole("alert").filter({ hasText: "Wrong user name or password." })).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});

test("the health route refuses callers without a session", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(401);
});

test("admin signs in and sees the cluster's health", async ({ page }) => {
  await signIn(page, "admin", adminPassword());
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByTestId("cluster-state")).toHaveText("healthy");
  await expect(page.getByText("Storage nodes up")).toBeVisible();
  await page.screenshot({ path: path.join(artifactsDir, "overview.png"), fullPage: true });

  // The client re-reads health through the session-checked route, never the admin API.
  const refresh = await page.waitForResponse((response) => response.url().includes("/api/health"), { timeout: 20_000 });
  expect(refresh.status()).toBe(200);
  const token = adminToken();
  expect(await refresh.text()).not.toContain(token);
  expect(await page.content()).not.toContain(token);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
});

test("the theme follows the system and can be switched", async ({ page }) => {
  await signIn(page, "admin", adminPassword());
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  const toggle = page.getByRole("button", { name: /^Theme: / });
  await expect(toggle).toHaveAccessibleName(/follow the system/);
  await toggle.click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await page.getByRole("button", { name: /^Theme: light/ }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.reload();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.screenshot({ path: path.join(artifactsDir, "overview-dark.png"), fullPage: true });
});

test("the engine answers on its own ports beside the console", async ({ request }) => {
  const health = await request.get(`${engineUrls.admin()}/health`);
  expect(health.status()).toBe(200);
  const s3 = await request.get(`${engineUrls.s3()}/`);
  expect(s3.status()).toBe(403);
  expect(await s3.text()).toContain("<Code>AccessDenied</Code>");
});

test("the overview shows the cluster's real numbers", async ({ page }) => {
  const bucketName = `overview-${Date.now()}`;
  await adminCall("CreateBucket", { globalAlias: bucketName });
  const statistics = await adminCall<{ bucketCount: number }>("GetClusterStatistics");
  await signInAsAdmin(page);
  const figure = (label: string) =>
    page.locator("dt", { hasText: new RegExp(`^${label}$`) }).locator("xpath=following-sibling::dd[1]");
  await expect(figure("Buckets")).toHaveText(String(statistics.bucketCount));
  await expect(figure("Block errors")).toHaveText("0");
  await expect(figure("Running workers")).toHaveText(/^\d+ \/ \d+$/);
  await expect(figure("Objects")).toHaveText(/^[\d,]+$/);
  await expect(page.getByTestId("zone-capacity").first()).toContainText(/used, .* free/);
  await expect(page.getByText(/admin API v2 · Garage v2/)).toBeVisible();
  await page.screenshot({
    path: path.join(import.meta.dirname, ".artifacts", "screenshots", "overview.png"),
    fullPage: true,
  });
});
