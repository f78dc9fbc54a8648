import type { Page } from "@playwright/test";
import { apiOk } from "./console-api";
import { expect, test } from "./fixtures";

/**
 * Single sign-on through a real OpenID provider (e2e/oidc-provider.ts, started by the
 * global setup): its development login form takes any name, and each name's claims decide
 * the console role.
 */
async function signInThroughProvider(page: Page, login: string): Promise<void> {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Use single sign-on" }).click();
  // The provider's own pages: its login form, then its consent prompt.
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test("oidc: a member of the admin group lands as admin", async ({ page }) => {
  await signInThroughProvider(page, "sso-admin");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  expect(await (await page.request.get("/api/v1/whoami")).json()).toEqual({
    name: "sso-admin",
    role: "admin",
    tenant: null,
  });
});

test("oidc: a user whose tenant claim names a tenant lands in that tenant", async ({ page }) => {
  await signInThroughProvider(page, "sso-tenant");
  await expect(page).not.toHaveURL(/signin/);
  const whoami = await (await page.request.get("/api/v1/whoami")).json();
  expect(whoami).toMatchObject({ name: "sso-tenant", role: "tenant", tenant: { name: "sso-co" } });
  const users = await apiOk<{ items: { name: string; oidc: boolean; tenant: { name: string } | null }[] }>(
    "GET",
    "/users",
    200,
  );
  expect(users.items.find((user) => user.name === "sso-tenant")).toMatchObject({
    oidc: true,
    tenant: { name: "sso-co" },
  });
});

test("oidc: a user with neither is refused with a clear message, and the secret never reaches the page", async ({
  page,
}) => {
  await signInThroughProvider(page, "sso-nobody");
  await expect(page).toHaveURL(/\/signin/);
  await expect(
    page.getByRole("alert").filter({ hasText: "names no tenant and is not in the administrators' group" }),
  ).toBeVisible();
  const secret = process.env.CARPORT_E2E_OIDC_CLIENT_SECRET ?? "";
  expect(secret.length).toBeGreaterThan(10);
  expect(await page.content()).not.toContain(secret);
});
