import path from "node:path";
import { adminPassword, engineUrls, expect, signIn, test } from "./fixtures";

const artifactsDir = path.join(import.meta.dirname, ".artifacts");

test("a signed-out visitor is sent to the sign-in page", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByRole("heading", { name: "Sign in to Carport" })).toBeVisible();
});

test("a wrong password is refused", async ({ page }) => {
  await signIn(page, "admin", "not-the-password");
  await expect(page.getByRole("alert")).toHaveText("Wrong user name or password.");
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

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
});

test("the engine answers on its own ports beside the console", async ({ request }) => {
  const health = await request.get(`${engineUrls.admin()}/health`);
  expect(health.status()).toBe(200);
  const s3 = await request.get(`${engineUrls.s3()}/`);
  expect(s3.status()).toBe(403);
  expect(await s3.text()).toContain("<Code>AccessDenied</Code>");
});
