import { spawnSync } from "node:child_process";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import Ajv2020 from "ajv/dist/2020.js";
import { s3Client } from "./admin-seed";
import { adminCredentials, api, apiOk, seedTenant, type Credentials } from "./console-api";
import { expect, test } from "./fixtures";

const mebibyte = 1024 * 1024;

interface ApiBucket {
  id: string;
  name: string;
  quotaBytes: number | null;
  tenant: { id: string; name: string } | null;
}
interface ApiKey {
  accessKeyId: string;
  secretAccessKey?: string;
  name: string;
}

test("api: the OpenAPI document needs no credentials and describes the answers the API gives", async () => {
  const document = await apiOk<{
    openapi: string;
    paths: Record<string, Record<string, unknown>>;
    components: { schemas: Record<string, object> };
  }>("GET", "/openapi.json", 200, { as: null });
  expect(document.openapi).toBe("3.1.0");
  for (const [path, methods] of [
    ["/whoami", ["get"]],
    ["/tenants", ["get", "post"]],
    ["/tenants/{id}", ["get", "patch", "delete"]],
    ["/users", ["get", "post"]],
    ["/users/{id}", ["patch", "delete"]],
    ["/buckets", ["get", "post"]],
    ["/buckets/{name}", ["get", "delete"]],
    ["/keys", ["get", "post"]],
    ["/keys/{accessKeyId}", ["get", "delete"]],
    ["/keys/{accessKeyId}/buckets/{name}", ["put"]],
  ] as const) {
    for (const method of methods) expect(document.paths[path]?.[method], `${method} ${path}`).toBeDefined();
  }
  // Answers validate against the document's own schemas.
  const ajv = new Ajv2020({ strict: false });
  ajv.addSchema({ $id: "carport", components: document.components });
  const validate = (name: string, value: unknown) => {
    const valid = ajv.validate({ $ref: `carport#/components/schemas/${name}` }, value);
    expect(valid, `${name}: ${ajv.errorsText()}`).toBe(true);
  };
  validate("WhoAmI", await apiOk("GET", "/whoami", 200));
  const refused = await api("GET", "/whoami", { as: null });
  validate("Error", refused.body);
  const tenants = await apiOk<{ items: unknown[] }>("GET", "/tenants", 200);
  for (const item of tenants.items) validate("Tenant", item);
});

test("api: no, wrong or unknown credentials get one 401 envelope; curl -u works", async () => {
  const none = await api("GET", "/whoami", { as: null });
  expect(none.status).toBe(401);
  expect(none.headers.get("www-authenticate")).toMatch(/^Basic /);
  expect(none.body).toEqual({ error: { code: "Unauthenticated", message: expect.any(String) } });
  const address = { "X-Forwarded-For": "203.0.113.201" };
  const wrong = await api("GET", "/whoami", { as: { name: "admin", password: "not-it" }, headers: address });
  const unknown = await api("GET", "/whoami", { as: { name: "no-such-user", password: "not-it" }, headers: address });
  expect(wrong.status).toBe(401);
  expect(unknown.text).toBe(wrong.text);

  const { name, password } = adminCredentials();
  const curl = spawnSync(
    "curl",
    ["-s", "-u", `${name}:${password}`, `${process.env.CARPORT_E2E_BASE_URL}/api/v1/whoami`],
    { encoding: "utf8" },
  );
  expect(curl.status).toBe(0);
  expect(JSON.parse(curl.stdout)).toEqual({ name: "admin", role: "admin", tenant: null });
});

test("api: a tenant creates buckets within its limits, keys with their secret once, and grants", async () => {
  const { tenant, user } = await seedTenant("api-co", {
    maxBuckets: 2,
    maxBytes: 10 * mebibyte,
    maxKeys: 2,
    defaultBucketQuotaBytes: 4 * mebibyte,
  });
  const as = { as: user };
  const tenantRef = { id: tenant.id, name: tenant.name };
  expect(await apiOk("GET", "/whoami", 200, as)).toEqual({ name: user.name, role: "tenant", tenant: tenantRef });
  expect((await api("GET", "/tenants", as)).status).toBe(403);
  expect((await api("GET", "/users", as)).body).toMatchObject({ error: { code: "Forbidden" } });

  const first = `${tenant.name}-a`;
  const created = await apiOk<ApiBucket>("POST", "/buckets", 201, { ...as, body: { name: first } });
  expect(created).toMatchObject({ name: first, quotaBytes: 4 * mebibyte, tenant: tenantRef });
  const tooBig = await api("POST", "/buckets", { ...as, body: { name: `${tenant.name}-b`, quotaBytes: 7 * mebibyte } });
  expect(tooBig.status).toBe(409);
  expect(tooBig.body).toMatchObject({ error: { code: "LimitExceeded" } });
  await apiOk("POST", "/buckets", 201, { ...as, body: { name: `${tenant.name}-b`, quotaBytes: 6 * mebibyte } });
  const third = await api("POST", "/buckets", { ...as, body: { name: `${tenant.name}-c`, quotaBytes: 1 } });
  expect(third.body).toMatchObject({ error: { code: "LimitExceeded" } });
  const listed = await apiOk<{ items: ApiBucket[] }>("GET", "/buckets", 200, as);
  expect(listed.items.map((item) => item.name).sort()).toEqual([first, `${tenant.name}-b`]);

  const key = await apiOk<ApiKey>("POST", "/keys", 201, { ...as, body: { name: "uploader" } });
  expect(key.secretAccessKey).toMatch(/^[0-9a-f]{64}$/);
  const keys = await api<{ items: ApiKey[] }>("GET", "/keys", as);
  expect(keys.text).not.toContain(key.secretAccessKey);
  expect(keys.body.items.map((item) => item.accessKeyId)).toEqual([key.accessKeyId]);
  const shown = await apiOk<ApiKey>("GET", `/keys/${key.accessKeyId}?showSecret=true`, 200, as);
  expect(shown.secretAccessKey).toBe(key.secretAccessKey);

  const grant = `/keys/${key.accessKeyId}/buckets/${first}`;
  expect(await apiOk("PUT", grant, 200, { ...as, body: { read: true, write: true } })).toEqual({
    read: true,
    write: true,
    owner: false,
  });
  const s3 = s3Client({ accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey ?? "" });
  await s3.send(new PutObjectCommand({ Bucket: first, Key: "hello.txt", Body: "hello" }));
  expect(await apiOk("PUT", grant, 200, { ...as, body: { write: false } })).toEqual({
    read: true,
    write: false,
    owner: false,
  });
  const read = await s3.send(new GetObjectCommand({ Bucket: first, Key: "hello.txt" }));
  expect(await read.Body?.transformToString()).toBe("hello");
  await expect(s3.send(new PutObjectCommand({ Bucket: first, Key: "again.txt", Body: "x" }))).rejects.toThrow();

  const notEmpty = await api("DELETE", `/buckets/${first}`, as);
  expect(notEmpty.status).toBe(409);
  expect(notEmpty.body).toMatchObject({
    error: { code: "BucketNotEmpty", message: expect.stringContaining("1 object") },
  });
  const tenantGone = await api("DELETE", `/tenants/${tenant.id}`);
  expect(tenantGone.body).toMatchObject({ error: { code: "TenantNotEmpty" } });
  expect((await api("DELETE", `/buckets/${tenant.name}-b`, as)).status).toBe(204);
});

test("api: a viewer reads what an admin reads and may change nothing", async () => {
  const { tenant } = await seedTenant("viewed-co");
  await apiOk("POST", "/buckets", 201, { body: { name: `${tenant.name}-x`, tenant: tenant.id } });
  const viewer = { name: `viewer-${Date.now()}`, password: "viewer-password" };
  await apiOk("POST", "/users", 201, { body: { ...viewer, role: "viewer", tenant: null } });
  const as = { as: viewer };
  const buckets = await apiOk<{ items: ApiBucket[] }>("GET", `/buckets?tenant=${tenant.id}`, 200, as);
  expect(buckets.items.map((item) => item.name)).toEqual([`${tenant.name}-x`]);
  expect((await apiOk<{ items: unknown[] }>("GET", "/tenants", 200, as)).items.length).toBeGreaterThan(0);
  for (const [method, path, body] of [
    ["POST", "/buckets", { name: `${tenant.name}-y` }],
    ["DELETE", `/buckets/${tenant.name}-x`, undefined],
    ["POST", "/keys", { name: "k" }],
    ["PATCH", `/tenants/${tenant.id}`, { disabled: true }],
    ["POST", "/users", { name: "x", password: "password-x", role: "viewer", tenant: null }],
  ] as const) {
    const answer = await api(method, path, { ...as, body });
    expect(answer.status, `${method} ${path}`).toBe(403);
    expect(answer.body).toMatchObject({ error: { code: "Forbidden" } });
  }
});

test("api: a disabled or deleted user's very next request is refused, session or password", async ({ page }) => {
  const { user } = await seedTenant("leaving-co");
  const users = await apiOk<{ items: { id: string; name: string }[] }>("GET", "/users", 200);
  const id = users.items.find((item) => item.name === user.name)?.id;
  await page.goto("/signin");
  await page.getByLabel("User name").fill(user.name);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/signin/);
  expect((await page.request.get("/api/v1/whoami")).status()).toBe(200);

  await apiOk("PATCH", `/users/${id}`, 200, { body: { disabled: true } });
  expect((await page.request.get("/api/v1/whoami")).status()).toBe(401);
  expect((await api("GET", "/whoami", { as: user })).status).toBe(401);
  await page.goto("/buckets");
  await expect(page).toHaveURL(/\/signin/);

  await apiOk("PATCH", `/users/${id}`, 200, { body: { disabled: false } });
  expect((await api("GET", "/whoami", { as: user })).status).toBe(200);
  await apiOk("DELETE", `/users/${id}`, 204);
  expect((await api("GET", "/whoami", { as: user })).status).toBe(401);
});

test("api: the 11th failed password in a window is 429 for that name and for that address, whatever comes next", async () => {
  const { user } = await seedTenant("throttled-co");
  const attempt = (as: Credentials, address: string) =>
    api("GET", "/whoami", { as, headers: { "X-Forwarded-For": address } });
  // Ten wrong passwords for one name, each from its own address: the name is then refused, even with the right one.
  for (let index = 0; index < 10; index += 1) {
    expect((await attempt({ ...user, password: "wrong" }, `198.51.100.${index + 1}`)).status).toBe(401);
  }
  const blockedName = await attempt(user, "198.51.100.99");
  expect(blockedName.status).toBe(429);
  expect(blockedName.body).toMatchObject({ error: { code: "TooManyRequests" } });

  // Ten wrong passwords from one address, each for its own (unknown) name: the address is refused for everyone.
  const { user: other } = await seedTenant("neighbour-co");
  for (let index = 0; index < 10; index += 1) {
    expect((await attempt({ name: `nobody-${index}`, password: "wrong" }, "198.51.100.200")).status).toBe(401);
  }
  expect((await attempt(other, "198.51.100.200")).status).toBe(429);
  expect((await attempt(other, "198.51.100.201")).status).toBe(200);
});
