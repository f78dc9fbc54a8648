import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { adminCall, signInAsAdmin } from "./admin-seed";
import { expect, test } from "./fixtures";

const screenshots = path.join(import.meta.dirname, ".artifacts", "screenshots");

interface Layout {
  version: number;
  roles: Array<{ id: string; capacity: number | null }>;
}

test("stage a new volume with a zone and capacity, preview the moves, apply, see it in the picture", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const volumeDir = fs.mkdtempSync(path.join(os.tmpdir(), "carport-e2e-volume-"));
  const before = await adminCall<Layout>("GetClusterLayout");
  const capacityGb = Math.max(1, Math.round((before.roles[0]?.capacity ?? 1e9) / 1e9));

  await signInAsAdmin(page);
  await page.goto("/cluster/layout");
  await expect(page.getByRole("heading", { name: "Layout editor" })).toBeVisible();

  await page.getByLabel("Volume directory or node address").fill(volumeDir);
  await page.getByRole("button", { name: "Add a volume" }).click();
  // Feedback: what was added, and the new node already chosen in the role form, named by its directory.
  const addedNote = page.getByRole("region", { name: "Add a volume" }).getByText(/^Added node /);
  await expect(addedNote).toContainText(volumeDir);
  const newNodeShortId = ((await addedNote.locator("code").first().textContent()) ?? "").trim();
  expect(newNodeShortId).toMatch(/^[0-9a-f]{8,}/);
  const nodeSelect = page.getByLabel("Node", { exact: true });
  await expect(nodeSelect.locator("option:checked")).toHaveText(`${newNodeShortId} (new, ${volumeDir})`);
  await page.getByLabel("Zone", { exact: true }).fill("dc2");
  await page.getByLabel("Capacity", { exact: true }).fill(String(capacityGb));
  await page.getByLabel("Capacity unit").selectOption("GB");
  await page.getByLabel("Tags").fill("e2e ssd");
  await page.getByRole("button", { name: "Stage role" }).click();
  await expect(page.getByTestId("staged-changes")).toContainText(`${newNodeShortId} → zone dc2`);

  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByTestId("layout-preview");
  await expect(preview).toBeVisible();
  const moved = Number((await preview.getByTestId("moved-partitions").textContent())?.replace(/,/g, ""));
  expect(moved).toBeGreaterThan(0);
  await expect(preview.getByRole("row", { name: new RegExp(newNodeShortId) })).toContainText("new");
  await page.screenshot({ path: path.join(screenshots, "layout-preview.png"), fullPage: true });

  await page.getByRole("button", { name: `Apply as version ${before.version + 1}` }).click();
  // Apply asks first, repeating the preview's figures.
  const confirm = page.getByRole("dialog", { name: `Apply layout version ${before.version + 1}?` });
  await expect(confirm.getByTestId("apply-figures")).toContainText(`Partitions moved${moved.toLocaleString("en-US")}`);
  await confirm.getByRole("button", { name: `Apply version ${before.version + 1}` }).click();
  await expect(page.getByText(`Layout version ${before.version + 1} applied.`)).toBeVisible();
  const after = await adminCall<Layout>("GetClusterLayout");
  expect(after.version).toBe(before.version + 1);
  expect(after.roles.some((role) => role.id.startsWith(newNodeShortId))).toBe(true);

  // The history shows the new current version and the previous one draining or historical.
  const history = page.getByTestId("layout-history");
  await expect(history.getByRole("row", { name: new RegExp(`^${before.version + 1}\\b`) })).toContainText("Current");
  await expect(history.getByRole("row", { name: new RegExp(`^${before.version}\\b`) })).toContainText(
    /Draining|Historical/,
  );
  await page.screenshot({ path: path.join(screenshots, "layout.png"), fullPage: true });

  await page.goto("/cluster");
  const zone = page.getByRole("region", { name: "Zone dc2" });
  await expect(zone.getByTestId("cluster-node").filter({ hasText: newNodeShortId })).toBeVisible();
  await expect(page.getByTestId("layout-version")).toHaveText(String(before.version + 1));
  await page.screenshot({ path: path.join(screenshots, "cluster-after-layout.png"), fullPage: true });
});
