import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../server/config";
import { startEngine, type RunningEngine } from "../server/start";
import { adminCall, signInAsAdmin } from "./admin-seed";
import { expect, test } from "./fixtures";

const screenshots = path.join(import.meta.dirname, ".artifacts", "screenshots");

/** A second engine on free ports in a temp dir: to the console, a remote Garage cluster. */
let remote: RunningEngine;
let remoteDir: string;

test.beforeAll(async () => {
  remoteDir = fs.mkdtempSync(path.join(os.tmpdir(), "carport-e2e-remote-"));
  const env = {
    CARPORT_DATA_DIR: path.join(remoteDir, "data"),
    CARPORT_BIND_HOST: "127.0.0.1",
    CARPORT_S3_PORT: "0",
    CARPORT_WEB_PORT: "0",
    CARPORT_ADMIN_PORT: "0",
  };
  remote = await startEngine(loadConfig(env, remoteDir), { handleSignals: false });
});

test.afterAll(async () => {
  await remote?.stop();
  fs.rmSync(remoteDir, { recursive: true, force: true });
});

async function remoteCall<T>(operation: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(`${remote.adminUrl}/v2/${operation}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: { Authorization: `Bearer ${remote.adminToken}`, "Content-Type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) throw new Error(`${operation}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

test("connect a second engine as a remote Garage, switch to it and manage it", async ({ page }) => {
  test.setTimeout(120_000);
  const remoteNode = (await remoteCall<{ nodes: Array<{ id: string }> }>("GetClusterStatus")).nodes[0].id;
  const localNodes = (await adminCall<{ nodes: Array<{ id: string }> }>("GetClusterStatus")).nodes.map(
    (node) => node.id,
  );
  expect(localNodes).not.toContain(remoteNode);

  await signInAsAdmin(page);
  await page.getByRole("link", { name: "Connections" }).click();
  await page.getByLabel("Connection name").fill("Remote lab");
  await page.getByLabel("Admin API URL").fill(remote.adminUrl);
  await page.getByLabel("Admin token").fill("not-the-token");
  await page.getByLabel("S3 endpoint").fill(remote.s3Url);
  await page.getByLabel("S3 region").fill("garage");
  await page.getByRole("button", { name: "Add connection" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "refused" })).toBeVisible();

  await page.getByLabel("Admin token").fill(remote.adminToken);
  await page.getByRole("button", { name: "Add connection" }).click();
  const row = page.getByTestId("connection").filter({ hasText: "Remote lab" });
  await expect(row).toContainText("Admin API v2, Garage v2");
  expect(await page.content()).not.toContain(remote.adminToken);
  await page.screenshot({ path: path.join(screenshots, "connections.png"), fullPage: true });

  // Switch in the header; every page now reads the remote cluster.
  await page.getByLabel("Cluster", { exact: true }).selectOption({ label: "Remote lab" });
  await expect(row).toContainText("in use");
  await page.goto("/cluster");
  await expect(page.getByTestId("cluster-node").filter({ hasText: remoteNode.slice(0, 16) })).toBeVisible();
  for (const id of localNodes)
    await expect(page.getByTestId("cluster-node").filter({ hasText: id.slice(0, 16) })).toHaveCount(0);
  await page.goto("/");
  await expect(page.getByRole("main").getByText("Remote lab").first()).toBeVisible();
  await expect(page.getByTestId("cluster-state")).toHaveText("healthy");

  // Create something there: an admin token, found on the remote and not on the local engine.
  const tokenName = `remote-token-${Date.now()}`;
  await page.goto("/tokens");
  await page.getByLabel("Token name").fill(tokenName);
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByTestId("created-token")).toBeVisible();
  const remoteTokens = await remoteCall<Array<{ name: string }>>("ListAdminTokens");
  expect(remoteTokens.map((token) => token.name)).toContain(tokenName);
  const localTokens = await adminCall<Array<{ name: string }>>("ListAdminTokens");
  expect(localTokens.map((token) => token.name)).not.toContain(tokenName);

  // And a staged layout change, on the remote only.
  await page.goto("/cluster/layout");
  await page.getByRole("combobox", { name: /^Zone redundancy/ }).selectOption("1");
  await page.getByRole("button", { name: "Stage redundancy" }).click();
  await expect(page.getByTestId("staged-changes")).toContainText("at least 1");
  expect(await remoteCall<{ stagedParameters: unknown }>("GetClusterLayout")).toMatchObject({
    stagedParameters: { zoneRedundancy: { atLeast: 1 } },
  });
  expect((await adminCall<{ stagedParameters: unknown }>("GetClusterLayout")).stagedParameters ?? null).toBeNull();
  await page.getByRole("button", { name: "Revert staged changes" }).click();

  // Back to the local engine, and the remote connection is removed.
  await page.goto("/connections");
  await page.getByRole("button", { name: "Use Local engine" }).click();
  await expect(page.getByTestId("connection").filter({ hasText: "Local engine" })).toContainText("in use");
  await page.getByRole("button", { name: "Remove Remote lab" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove connection" }).click();
  await expect(page.getByTestId("connection").filter({ hasText: "Remote lab" })).toHaveCount(0);
});
