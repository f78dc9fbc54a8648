import { expect, test } from "./fixtures";

/**
 * The console's icon (app/icon.svg, Next's icon convention) and logo (public/logo.svg):
 * served to anyone, so the sign-in page shows them before a session exists.
 */
test("a signed-out visitor gets the icon and the logo, and the sign-in page shows both", async ({ page, request }) => {
  for (const asset of ["/icon.svg", "/logo.svg"]) {
    const response = await request.get(asset, { maxRedirects: 0 });
    expect(response.status(), asset).toBe(200);
    expect(response.headers()["content-type"], asset).toContain("image/svg+xml");
    expect(await response.text(), asset).toContain("<title>Carport</title>");
  }
  await page.goto("/signin");
  const icon = page.locator('head link[rel="icon"]');
  await expect(icon).toHaveAttribute("href", /^\/icon\.svg/);
  await expect(icon).toHaveAttribute("type", "image/svg+xml");
  const logo = page.getByRole("img", { name: "Carport" });
  await expect(logo).toBeVisible();
  expect(await logo.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
});
