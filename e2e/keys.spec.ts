import path from "node:path";
import { signInAsAdmin } from "./admin-seed";
import { adminToken, expect, test } from "./fixtures";

const screenshots = path.join(import.meta.dirname, ".artifacts", "screenshots");

test("keys: create, search, reveal the secret, rename, delete", async ({ page }) => {
  const name = `e2e-key-${Date.now()}`;
  await signInAsAdmin(page);
  await page.goto("/keys");
  await expect(page.getByRole("heading", { name: "Access keys" })).toBeVisible();

  await page.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog", { name: "Create an access key" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("May create buckets").check();
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole("searchbox", { name: "Search keys" }).fill(name);
  const item = page.getByRole("listitem", { name });
  await expect(item).toBeVisible();
  await expect(page.getByText(/^1 of \d+ keys match$/)).toBeVisible();
  // Lists never carry secrets: the page holds none until the reveal.
  expect(await page.content()).not.toMatch(/[0-9a-f]{64}/);

  await item.getByRole("button", { name: "Reveal secret key" }).click();
  await expect(item.getByTestId("secret-value")).toHaveText(/^[0-9a-f]{64}$/);
  expect(await page.content()).not.toContain(adminToken());
  await page.screenshot({ path: path.join(screenshots, "keys.png"), fullPage: true });

  await item.getByRole("button", { name: `Rename ${name}` }).click();
  const rename = page.getByRole("dialog", { name: `Rename ${name}` });
  await rename.getByLabel("New name").fill(`${name}-renamed`);
  await rename.getByRole("button", { name: "Rename" }).click();
  await page.getByRole("searchbox", { name: "Search keys" }).fill(`${name}-renamed`);
  const renamed = page.getByRole("listitem", { name: `${name}-renamed` });
  await expect(renamed).toBeVisible();

  await renamed.getByRole("button", { name: `Delete ${name}-renamed` }).click();
  await page
    .getByRole("dialog", { name: `Delete ${name}-renamed?` })
    .getByRole("button", { name: "Delete key" })
    .click();
  await expect(renamed).toBeHidden();
  await expect(page.getByText(/^0 of \d+ keys match$/)).toBeVisible();
});

test("keys: an import with a bad id is refused with a sentence", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/keys");
  await page.getByRole("button", { name: "Import key" }).click();
  const dialog = page.getByRole("dialog", { name: "Import an access key" });
  await dialog.getByLabel("Name").fill("imported");
  await dialog.getByLabel("Access key id").fill("not a key!");
  await dialog.getByLabel("Secret key").fill("x");
  await dialog.getByRole("button", { name: "Import key" }).click();
  await expect(dialog.getByRole("alert")).toContainText("letters, digits");
});
