import path from "node:path";
import { adminCall, signInAsAdmin } from "./admin-seed";
import { expect, test } from "./fixtures";

const screenshots = path.join(import.meta.dirname, ".artifacts", "screenshots");

test("the cluster picture shows the engine's node in its zone with its bars", async ({ page }) => {
  const status = await adminCall<{ nodes: Array<{ id: string; role: { zone: string } | null }> }>("GetClusterStatus");
  const node = status.nodes.find((candidate) => candidate.role !== null);
  expect(node).toBeDefined();
  await signInAsAdmin(page);
  await page.getByRole("link", { name: "Cluster", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Cluster", exact: true })).toBeVisible();
  const zone = page.getByRole("region", { name: `Zone ${node?.role?.zone}` });
  await expect(zone).toBeVisible();
  const card = zone.getByTestId("cluster-node").filter({ hasText: node?.id.slice(0, 16) ?? "" });
  await expect(card).toBeVisible();
  await expect(card).toHaveAccessibleName(/up/);
  await expect(card.getByRole("meter", { name: "Partitions" })).toBeVisible();
  await expect(page.getByText("Replication factor")).toBeVisible();
  await expect(page.getByText("Zone redundancy")).toBeVisible();

  // Many nodes read as tiles; the admin can switch back and forth.
  await page.getByLabel(/Compact view/).check();
  await expect(zone.getByTestId("cluster-node").first()).toBeVisible();
  await page.getByLabel(/Compact view/).uncheck();
  await page.screenshot({ path: path.join(screenshots, "cluster.png"), fullPage: true });
});
