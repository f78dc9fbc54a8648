import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import type { Page } from "@playwright/test";
import { loadConfig } from "../server/config";
import { startEngine, type RunningEngine } from "../server/start";
import { s3Client, signInAsAdmin } from "./admin-seed";
import { expect, test } from "./fixtures";

/**
 * Issue 13 in the console: a second engine over three volumes in three zones
 * (replication factor 3), connected as a remote cluster. One volume's directory is
 * removed: the cluster picture shows it down and the degraded partitions, the
 * Overview says degraded; an empty directory put back and a repair launched from the
 * cluster page bring both back to normal. Then a fourth volume is added and the
 * layout page follows the rebalance until the old version is historical.
 */

const screenshots = path.join(import.meta.dirname, ".artifacts", "screenshots");
const connectionName = "Volumes lab";

let engine: RunningEngine;
let rootDir: string;
const volumeDir = (index: number) => path.join(rootDir, `volume-${index}`);

test.beforeAll(async () => {
  rootDir = fs.mkdtempSync(path.join(os.tmpdir(), "carport-e2e-volumes-"));
  const volumes = ["dc1", "dc2", "dc3"].flatMap((zone, index) => [
    "[[data_dir]]",
    `path = "${volumeDir(index)}"`,
    `zone = "${zone}"`,
    `capacity = "10G"`,
  ]);
  fs.writeFileSync(path.join(rootDir, "carport.toml"), ["replication_factor = 3", ...volumes].join("\n"));
  const env = {
    CARPORT_CONFIG: path.join(rootDir, "carport.toml"),
    CARPORT_BIND_HOST: "127.0.0.1",
    CARPORT_S3_PORT: "0",
    CARPORT_WEB_PORT: "0",
    CARPORT_ADMIN_PORT: "0",
  };
  engine = await startEngine(loadConfig(env, rootDir), { handleSignals: false });
  const key = await call<{ accessKeyId: string; secretAccessKey: string }>("CreateKey", {
    name: "volumes",
    allow: { createBucket: true },
  });
  const client = s3Client({ accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey }, engine.s3Url);
  await client.send(new CreateBucketCommand({ Bucket: "volumes" }));
  for (let index = 0; index < 20; index += 1)
    await client.send(
      new PutObjectCommand({ Bucket: "volumes", Key: `object-${index}`, Body: Buffer.alloc(64 * 1024, index) }),
    );
});

test.afterAll(async () => {
  await engine?.stop();
  fs.rmSync(rootDir, { recursive: true, force: true });
});

async function call<T>(operation: string, body?: unknown, query: Record<string, string> = {}): Promise<T> {
  const url = new URL(`/v2/${operation}`, engine.adminUrl);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  const response = await fetch(url, {
    method: body === undefined ? "GET" : "POST",
    headers: { Authorization: `Bearer ${engine.adminToken}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${operation}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function nodeIdOf(dir: string): Promise<string> {
  const status = await call<{ nodes: Array<{ id: string; addr: string | null }> }>("GetClusterStatus");
  const id = status.nodes.find((node) => node.addr === dir)?.id;
  if (!id) throw new Error(`no node at ${dir}`);
  return id;
}

async function nodeStatus(id: string): Promise<{ isUp: boolean }> {
  const status = await call<{ nodes: Array<{ id: string; isUp: boolean }> }>("GetClusterStatus");
  const node = status.nodes.find((candidate) => candidate.id === id);
  if (!node) throw new Error(`no node ${id}`);
  return node;
}

async function connectAndSwitch(page: Page): Promise<void> {
  await signInAsAdmin(page);
  await page.goto("/connections");
  await page.getByLabel("Connection name").fill(connectionName);
  await page.getByLabel("Admin API URL").fill(engine.adminUrl);
  await page.getByLabel("Admin token").fill(engine.adminToken);
  await page.getByLabel("S3 endpoint").fill(engine.s3Url);
  await page.getByLabel("S3 region").fill("garage");
  await page.getByRole("button", { name: "Add connection" }).click();
  const row = page.getByTestId("connection").filter({ hasText: connectionName });
  await expect(row).toBeVisible();
  await page.getByLabel("Cluster", { exact: true }).selectOption({ label: connectionName });
  await expect(row).toContainText("in use");
}

async function disconnect(page: Page): Promise<void> {
  await page.goto("/connections");
  await page.getByRole("button", { name: "Use Local engine" }).click();
  await page.getByRole("button", { name: `Remove ${connectionName}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove connection" }).click();
  await expect(page.getByTestId("connection").filter({ hasText: connectionName })).toHaveCount(0);
}

test("a removed volume shows down and degraded, and returns to normal after the repair", async ({ page }) => {
  test.setTimeout(180_000);
  const lostId = await nodeIdOf(volumeDir(1));
  await connectAndSwitch(page);
  try {
    fs.rmSync(volumeDir(1), { recursive: true, force: true });
    // The engine's own check (every second) first: the page is asked what the engine knows, not how soon.
    await expect.poll(async () => (await nodeStatus(lostId)).isUp, { timeout: 30_000 }).toBe(false);

    await page.goto("/cluster");
    const card = page.getByTestId("cluster-node").filter({ hasText: lostId.slice(0, 16) });
    await expect(card).toHaveAccessibleName(/down/);
    await expect(page.getByTestId("degraded-partitions")).toContainText("1 volume is down");
    await expect(page.getByTestId("degraded-partitions")).toContainText("keeps its write quorum");
    await page.screenshot({ path: path.join(screenshots, "cluster-volume-down.png"), fullPage: true });

    await page.goto("/");
    await expect(page.getByTestId("cluster-state")).toHaveText("degraded");
    await expect(page.getByRole("region", { name: "Background repairs" })).toBeVisible();

    // An empty directory in its place: adopted, refilled; a repair launched from the cluster page checks every block.
    fs.mkdirSync(volumeDir(1));
    await page.goto("/cluster");
    await page.getByRole("button", { name: "Check blocks…" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText("queues every referenced block a volume lacks");
    await dialog.getByRole("button", { name: "Launch" }).click();
    await expect(page.getByText("Check blocks launched on every node")).toBeVisible();
    await expect(card).toHaveAccessibleName(/ up/, { timeout: 60_000 });
    await expect(page.getByTestId("degraded-partitions")).toHaveCount(0, { timeout: 60_000 });

    await page.goto("/");
    await expect(page.getByTestId("cluster-state")).toHaveText("healthy", { timeout: 60_000 });
    const repairs = page.getByRole("region", { name: "Background repairs" });
    await expect(repairs.getByTestId("repair-worker").filter({ hasText: "Block resync" }).first()).toBeVisible();
    await expect(page.getByRole("region", { name: "Block errors" })).toContainText("No block is in error.");
    await page.screenshot({ path: path.join(screenshots, "overview-repairs.png"), fullPage: true });
  } finally {
    await disconnect(page);
  }
});

test("the layout page follows the rebalance until the old version is historical", async ({ page }) => {
  test.setTimeout(180_000);
  await call("SetWorkerVariable", { variable: "rebalance-tranquility", value: "200" }, { node: "self" });
  await call("ConnectClusterNodes", [`volume@${volumeDir(3)}`]);
  const fourth = await nodeIdOf(volumeDir(3));
  await call("UpdateClusterLayout", { roles: [{ id: fourth, zone: "dc4", capacity: 10_000_000_000, tags: [] }] });
  const layout = await call<{ version: number }>("GetClusterLayout");
  await call("ApplyClusterLayout", { version: layout.version + 1 });
  await connectAndSwitch(page);
  try {
    await page.goto("/cluster/layout");
    const progress = page.getByTestId("rebalance-progress");
    await expect(progress).toContainText(`Moving data to layout version ${layout.version + 1}`);
    await expect(progress.getByRole("meter", { name: "Rebalance progress" })).toBeVisible();
    await page.screenshot({ path: path.join(screenshots, "layout-rebalance.png"), fullPage: true });
    await call("SetWorkerVariable", { variable: "rebalance-tranquility", value: "0" }, { node: "self" });
    await expect(progress).toHaveCount(0, { timeout: 90_000 });
    const history = page.getByTestId("layout-history");
    await expect(history.getByRole("row", { name: new RegExp(`^${layout.version} Historical`) })).toBeVisible();
  } finally {
    await disconnect(page);
  }
});
