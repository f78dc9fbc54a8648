import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

/** How the specs that visit every page see it: the two widths, who visits, when it is ready. */
export const desktopViewport = { width: 1280, height: 800 };
export const phoneViewport = { width: 390, height: 844 };

/** The sign-in page is seen signed out (it sends a session home); every other page by the admin. */
export function visitorOf(pattern: string): "anonymous" | "admin" {
  return pattern === "/signin" ? "anonymous" : "admin";
}

/** The page itself (not the console's 404) is shown and its reads have settled (nothing left busy). */
export async function settle(page: Page): Promise<void> {
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Nothing here" })).toHaveCount(0);
  await page.waitForLoadState("networkidle");
  await expect(page.locator("[aria-busy=true]")).toHaveCount(0);
}
