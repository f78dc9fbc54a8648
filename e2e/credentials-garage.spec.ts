import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { loadConfig } from "../server/config";
import { startEngine, type RunningEngine } from "../server/start";
import { s3Client, signInAsAdmin } from "./admin-seed";
import { openAdminDoor, type Refusal } from "./admin-door";
import { apiOk } from "./console-api";
import { expect, test } from "./fixtures";

/**
 * Project credentials on a cluster that keeps no bucket allowances, as a remote Garage: a
 * second engine reached through a door that answers Garage's admin API but 404 for
 * Carport's own /carport/v1 endpoints. There the console adopts the buckets a credential
 * made through S3 on its next read (the tenant's, with its default quota) and withdraws the
 * credential's create-bucket right while the tenant is at its bucket limit.
 */
let remote: RunningEngine;
let remoteDir: string;
let door: http.Server;
let doorUrl: string;
/** Calls the console made to Carport's own endpoints, which the door refuses as Garage would. */
let carportCalls = 0;

/** Garage's answer (its JSON error shape) for Carport's own endpoints, which it does not have. */
function refuseCarportEndpoints(url: string): Refusal | null {
  if (!url.startsWith("/carport/")) return null;
  carportCalls += 1;
  const error = { code: "NotFound", message: "Unknown API endpoint", region: "garage", path: url };
  return { status: 404, contentType: "application/json", body: JSON.stringify(error) };
}

async function adminCall<T>(pathAndQuery: string): Promise<T> {
  const response = await fetch(`${doorUrl}/v2/${pathAndQuery}`, {
    headers: { Authorization: `Bearer ${remote.adminToken}` },
  });
  if (!response.ok) throw new Error(`${pathAndQuery}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

test.beforeAll(async () => {
  remoteDir = fs.mkdtempSync(path.join(os.tmpdir(), "carport-e2e-garage-"));
  const env = {
    CARPORT_DATA_DIR: path.join(remoteDir, "data"),
    CARPORT_BIND_HOST: "127.0.0.1",
    CARPORT_S3_PORT: "0",
    CARPORT_WEB_PORT: "0",
    CARPORT_ADMIN_PORT: "0",
  };
  remote = await startEngine(loadConfig(env, remoteDir), { handleSignals: false });
  ({ server: door, url: doorUrl } = await openAdminDoor(remote.adminUrl, refuseCarportEndpoints));
});

test.afterAll(async () => {
  await new Promise((resolve) => door?.close(resolve));
  await remote?.stop();
  fs.rmSync(remoteDir, { recursive: true, force: true });
});

test("project credentials on a cluster without allowances: buckets adopted on the next read, the create right withdrawn at the limit", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const connectionName = `No allowances ${stamp}`;
  await signInAsAdmin(page);
  await page.goto("/connections");
  await page.getByLabel("Connection name").fill(connectionName);
  await page.getByLabel("Admin API URL").fill(doorUrl);
  await page.getByLabel("Admin token").fill(remote.adminToken);
  await page.getByLabel("S3 endpoint").fill(remote.s3Url);
  await page.getByLabel("S3 region").fill("garage");
  await page.getByRole("button", { name: "Add connection" }).click();
  await expect(page.getByTestId("connection").filter({ hasText: connectionName })).toBeVisible();
  const listing = (await (await page.request.get("/api/connections")).json()) as {
    connections: { id: string; name: string }[];
  };
  const connectionId = listing.connections.find((item) => item.name === connectionName)?.id;
  expect(connectionId).toBeDefined();

  const quotaBytes = 1_000_000;
  const tenant = await apiOk<{ id: string; name: string }>("POST", "/tenants", 201, {
    body: { name: `remote-${stamp}`, connectionId, limits: { maxBuckets: 2, defaultBucketQuotaBytes: quotaBytes } },
  });
  const user = { name: `remote-user-${stamp}`, password: `pw-${stamp}-secret` };
  await apiOk("POST", "/users", 201, { body: { ...user, role: "tenant", tenant: tenant.id } });

  // The credential, as openstack ec2 credentials create makes it.
  const identity = `${process.env.CARPORT_E2E_BASE_URL}/identity/v3`;
  const issued = await fetch(`${identity}/auth/tokens`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      auth: {
        identity: { methods: ["password"], password: { user: { ...user, domain: { name: "Default" } } } },
        scope: { project: { id: tenant.id } },
      },
    }),
  });
  expect(issued.status).toBe(201);
  const token = issued.headers.get("x-subject-token") ?? "";
  const userId = ((await issued.json()) as { token: { user: { id: string } } }).token.user.id;
  const made = await fetch(`${identity}/users/${userId}/credentials/OS-EC2`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Auth-Token": token },
    body: JSON.stringify({ tenant_id: tenant.id }),
  });
  expect(made.status).toBe(201);
  const { credential } = (await made.json()) as { credential: { access: string; secret: string } };
  const s3 = s3Client({ accessKeyId: credential.access, secretAccessKey: credential.secret }, remote.s3Url);
  const canCreate = async () =>
    (await adminCall<{ permissions: { createBucket?: boolean } }>(`GetKeyInfo?id=${credential.access}`)).permissions
      .createBucket === true;
  expect(await canCreate()).toBe(true);
  // The console asked for allowances and met Garage's answer: this is the path without them.
  expect(carportCalls).toBeGreaterThan(0);

  // Made through S3, a bucket becomes the tenant's on the console's next read, with its default quota.
  const names = [`remote-a-${stamp}`, `remote-b-${stamp}`];
  await s3.send(new CreateBucketCommand({ Bucket: names[0] }));
  const listed = async () =>
    (await apiOk<{ items: { name: string; quotaBytes: number | null }[] }>("GET", "/buckets", 200, { as: user })).items;
  expect(await listed()).toEqual([expect.objectContaining({ name: names[0], quotaBytes })]);
  expect(await canCreate()).toBe(true);

  // The second reaches the tenant's limit of two: once read, the credential may create no more.
  await s3.send(new CreateBucketCommand({ Bucket: names[1] }));
  expect((await listed()).map((item) => item.name).sort()).toEqual([...names].sort());
  expect(await canCreate()).toBe(false);
  await expect(s3.send(new CreateBucketCommand({ Bucket: `remote-c-${stamp}` }))).rejects.toMatchObject({
    $metadata: { httpStatusCode: 403 },
  });
  // It still reads and writes the tenant's buckets.
  await s3.send(new PutObjectCommand({ Bucket: names[1], Key: "a.txt", Body: "still mine" }));

  // Below the limit again, the right comes back.
  await apiOk("DELETE", `/buckets/${names[1]}?force=true`, 204, { as: user });
  expect(await listed()).toHaveLength(1);
  expect(await canCreate()).toBe(true);

  // Nothing of this cluster stays in the shared console once the test is done.
  await apiOk("DELETE", `/buckets/${names[0]}?force=true`, 204, { as: user });
  await apiOk("DELETE", `/tenants/${tenant.id}`, 204);
  await page.goto("/connections");
  await page.getByRole("button", { name: `Remove ${connectionName}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove connection" }).click();
  await expect(page.getByTestId("connection").filter({ hasText: connectionName })).toHaveCount(0);
});
