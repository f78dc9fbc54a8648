import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../scripts/lib/product-process";
import { expect, test } from "./fixtures";

/**
 * `npm run demo` on free ports in a temporary directory: it comes up seeded, prints the
 * console's address and every user's name and password, and each printed user signs in.
 */
const repoRoot = path.resolve(import.meta.dirname, "..");

interface Demo {
  child: ChildProcess;
  output: () => string;
  dataDir: string;
}

function startDemo(env: Record<string, string>, dataDir: string): Demo {
  let output = "";
  const child = spawn("npm", ["run", "demo", "--", "--fresh", "--dir", dataDir], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output, dataDir };
}

async function stopDemo(demo: Demo): Promise<void> {
  if (demo.child.exitCode === null && demo.child.pid) {
    const exited = new Promise((resolve) => demo.child.once("exit", resolve));
    process.kill(-demo.child.pid, "SIGTERM");
    const timer = setTimeout(() => demo.child.pid && process.kill(-demo.child.pid, "SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  }
  fs.rmSync(demo.dataDir, { recursive: true, force: true });
}

test("demo: npm run demo comes up seeded and every printed user signs in", async ({ page }) => {
  test.setTimeout(300_000);
  const ports = { console: await freePort(), s3: await freePort(), web: await freePort(), admin: await freePort() };
  const demo = startDemo(
    {
      PORT: String(ports.console),
      CARPORT_S3_PORT: String(ports.s3),
      CARPORT_WEB_PORT: String(ports.web),
      CARPORT_ADMIN_PORT: String(ports.admin),
      CARPORT_CONSOLE_PASSWORD: "",
    },
    fs.mkdtempSync(path.join(os.tmpdir(), "carport-demo-")),
  );
  try {
    await expect
      .poll(() => demo.output(), { timeout: 240_000, intervals: [1000] })
      .toMatch(/Sign in as:\n(?: {2}.+\n)+\n/);
    const text = demo.output();
    const url = /Carport demo is running: (\S+)/.exec(text)?.[1];
    expect(url).toBe(`http://127.0.0.1:${ports.console}`);
    const block = text.slice(text.indexOf("Sign in as:"));
    const users = [...block.matchAll(/^ {2}(\S+)\s+password (\S+)\s+\((.+)\)$/gm)].map((match) => ({
      name: match[1],
      password: match[2],
      role: match[3],
    }));
    expect(users.map((user) => user.name)).toEqual(["admin", "alice", "bob", "victor"]);
    expect(text).toMatch(/Project credential of alice \(acme\): access GK\w+ {2}secret \w+/);
    expect(text).toContain("secret bucket-backup-prod");

    for (const user of users) {
      await page.context().clearCookies();
      await page.goto(`${url}/signin`);
      await page.getByLabel("User name").fill(user.name);
      await page.getByLabel("Password").fill(user.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page, `${user.name} signs in`).not.toHaveURL(/\/signin/);
      const whoami = await (await page.request.get(`${url}/api/v1/whoami`)).json();
      expect(whoami.name).toBe(user.name);
    }

    // What the demo seeded is there: alice's buckets with files, the layout over three zones.
    const basic = (name: string) => {
      const user = users.find((item) => item.name === name);
      return { Authorization: `Basic ${Buffer.from(`${name}:${user?.password}`).toString("base64")}` };
    };
    const buckets = await (await fetch(`${url}/api/v1/buckets`, { headers: basic("alice") })).json();
    expect(buckets.items.map((item: { name: string }) => item.name).sort()).toEqual([
      "acme-docs",
      "acme-photos",
      "backup-prod",
    ]);
    const photos = buckets.items.find((item: { name: string }) => item.name === "acme-photos");
    expect(photos.objects).toBe(6);
    const token = fs.readFileSync(path.join(demo.dataDir, "meta", "admin_token"), "utf8").trim();
    const layout = await (
      await fetch(`http://127.0.0.1:${ports.admin}/v2/GetClusterLayout`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    ).json();
    expect(new Set(layout.roles.map((role: { zone: string }) => role.zone)).size).toBe(3);
  } finally {
    await stopDemo(demo);
  }
});
