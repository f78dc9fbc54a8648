import { signInAsAdmin } from "./admin-seed";
import { consolePatterns, consoleRoutes } from "./console-routes";
import { expect, test } from "./fixtures";
import { seedPageData } from "./page-data";
import { phoneViewport, settle, visitorOf } from "./page-visits";

/** At 390×844 no page of the console (read from the app directory) is wider than the screen. */
let params: Record<string, string> = {};
test.beforeAll(async () => {
  params = await seedPageData("phone");
});

test.use({ viewport: phoneViewport });

for (const pattern of consolePatterns()) {
  test(`${pattern} does not scroll sideways at 390 px`, async ({ page }) => {
    const route = consoleRoutes(params).find((candidate) => candidate.pattern === pattern);
    if (!route) throw new Error(`no route for ${pattern}`);
    if (visitorOf(pattern) === "admin") await signInAsAdmin(page);
    await page.goto(route.path);
    await settle(page);
    const widths = await page.evaluate(() => ({
      document: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
      viewport: window.innerWidth,
    }));
    expect(widths.viewport).toBe(phoneViewport.width);
    expect(Math.max(widths.document, widths.body), `${route.path} is wider than the screen`).toBeLessThanOrEqual(
      widths.viewport,
    );
  });
}
