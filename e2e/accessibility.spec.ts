import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { signInAsAdmin } from "./admin-seed";
import { consolePatterns, consoleRoutes } from "./console-routes";
import { expect, test } from "./fixtures";
import { seedPageData } from "./page-data";
import { phoneViewport, desktopViewport, settle, visitorOf } from "./page-visits";

/**
 * axe-core on every page of the console (read from the app directory), at the desktop
 * and the phone width: every serious or critical violation fails, with its rule, its
 * help text and the elements it found.
 */
let params: Record<string, string> = {};
test.beforeAll(async () => {
  params = await seedPageData("a11y");
});

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
          .map((node) => node.target.join(" "))
          .join(", ")}`,
    );
}

for (const viewport of [desktopViewport, phoneViewport]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });
    for (const pattern of consolePatterns()) {
      test(`${pattern} has no serious accessibility violation`, async ({ page }) => {
        const route = consoleRoutes(params).find((candidate) => candidate.pattern === pattern);
        if (!route) throw new Error(`no route for ${pattern}`);
        if (visitorOf(pattern) === "admin") await signInAsAdmin(page);
        await page.goto(route.path);
        await settle(page);
        expect(await seriousViolations(page)).toEqual([]);
      });
    }
  });
}
