import { spawnSync } from "node:child_process";
import { CreateBucketCommand, GetObjectCommand, ListBucketsCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { ensureDebianTool } from "../scripts/lib/system-deps";
import { s3Client } from "./admin-seed";
import { api, apiOk, seedTenant, type Credentials } from "./console-api";
import { expect, test } from "./fixtures";

/**
 * Project credentials through Debian's own `openstack` client, pointed at Carport's
 * Keystone (/identity/v3) exactly as the seed's users point it at Cleura's: create, list,
 * show, delete. The pair works with @aws-sdk/client-s3 on every bucket of its tenant
 * (present and future), nowhere else, and not at all once deleted.
 */
const openstackPath = "/usr/bin/openstack";

/** The seed's OS_* variables for one user and project, as the README shows them. */
function osEnv(user: Credentials, project: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    OS_AUTH_URL: `${process.env.CARPORT_E2E_BASE_URL}/identity/v3`,
    OS_IDENTITY_API_VERSION: "3",
    OS_USERNAME: user.name,
    OS_PASSWORD: user.password,
    OS_PROJECT_NAME: project,
    OS_USER_DOMAIN_NAME: "Default",
    OS_PROJECT_DOMAIN_NAME: "Default",
  };
}

function runOpenstack(user: Credentials, project: string, args: string[]) {
  return spawnSync(openstackPath, args, { encoding: "utf8", timeout: 120_000, env: osEnv(user, project) });
}

function openstack(user: Credentials, project: string, args: string[]): string {
  const run = runOpenstack(user, project, args);
  expect(run.status, `openstack ${args.join(" ")}: ${run.stderr}`).toBe(0);
  return run.stdout;
}

interface Created {
  access: string;
  secret: string;
  project_id: string;
  user_id: string;
  trust_id: string | null;
  links: unknown;
}

test.beforeAll(() => ensureDebianTool(openstackPath, "python3-openstackclient"));

test("openstack ec2 credentials create, list, show and delete work against Carport, unchanged", async () => {
  const { tenant, user } = await seedTenant("cleura-co");
  const other = await seedTenant("cleura-other");
  const as = { as: user };
  await apiOk("POST", "/buckets", 201, { ...as, body: { name: `${tenant.name}-before` } });
  await apiOk("POST", "/buckets", 201, { as: other.user, body: { name: `${other.tenant.name}-theirs` } });

  const created = JSON.parse(openstack(user, tenant.name, ["ec2", "credentials", "create", "-f", "json"])) as Created;
  expect(Object.keys(created).sort()).toEqual(["access", "links", "project_id", "secret", "trust_id", "user_id"]);
  expect(created.project_id).toBe(tenant.id);

  const listed = JSON.parse(openstack(user, tenant.name, ["ec2", "credentials", "list", "-f", "json"]));
  expect(listed).toEqual([
    { Access: created.access, Secret: created.secret, "Project ID": tenant.id, "User ID": created.user_id },
  ]);
  const shown = JSON.parse(openstack(user, tenant.name, ["ec2", "credentials", "show", created.access, "-f", "json"]));
  expect(shown).toMatchObject({ access: created.access, secret: created.secret, project_id: tenant.id });

  // The pair reads and writes the tenant's buckets, present and future, and nothing else.
  const s3 = s3Client({ accessKeyId: created.access, secretAccessKey: created.secret });
  await s3.send(new PutObjectCommand({ Bucket: `${tenant.name}-before`, Key: "a.txt", Body: "present" }));
  await apiOk("POST", "/buckets", 201, { ...as, body: { name: `${tenant.name}-after` } });
  await s3.send(new PutObjectCommand({ Bucket: `${tenant.name}-after`, Key: "b.txt", Body: "future" }));
  const read = await s3.send(new GetObjectCommand({ Bucket: `${tenant.name}-after`, Key: "b.txt" }));
  expect(await read.Body?.transformToString()).toBe("future");
  await expect(
    s3.send(new PutObjectCommand({ Bucket: `${other.tenant.name}-theirs`, Key: "x", Body: "x" })),
  ).rejects.toMatchObject({ name: "AccessDenied" });
  const names = (await s3.send(new ListBucketsCommand({}))).Buckets?.map((bucket) => bucket.Name).sort();
  expect(names).toEqual([`${tenant.name}-after`, `${tenant.name}-before`]);
  // The credential counts among the tenant's keys.
  const keys = await apiOk<{ items: { accessKeyId: string }[] }>("GET", "/keys", 200, as);
  expect(keys.items.map((key) => key.accessKeyId)).toContain(created.access);

  openstack(user, tenant.name, ["ec2", "credentials", "delete", created.access]);
  await expect(s3.send(new GetObjectCommand({ Bucket: `${tenant.name}-before`, Key: "a.txt" }))).rejects.toMatchObject({
    name: "InvalidAccessKeyId",
    $metadata: { httpStatusCode: 403 },
  });
  expect(JSON.parse(openstack(user, tenant.name, ["ec2", "credentials", "list", "-f", "json"]))).toEqual([]);
  const missing = runOpenstack(user, tenant.name, ["ec2", "credentials", "show", created.access]);
  expect(missing.status).not.toBe(0);
  expect(missing.stderr).toContain("404");
});

test("keystone: tokens, their validation, and refusals in Keystone's shape", async () => {
  const { tenant, user } = await seedTenant("keystone-co");
  const other = await seedTenant("keystone-other");
  const base = `${process.env.CARPORT_E2E_BASE_URL}/identity`;
  const discovery = await fetch(`${base}/v3`);
  expect((await discovery.json()).version).toMatchObject({ id: expect.stringMatching(/^v3\./), status: "stable" });

  const authBody = (password: string, project: Record<string, unknown> | undefined) => ({
    auth: {
      identity: {
        methods: ["password"],
        password: { user: { name: user.name, domain: { name: "Default" }, password } },
      },
      ...(project ? { scope: { project } } : {}),
    },
  });
  const post = (body: unknown) =>
    fetch(`${base}/v3/auth/tokens`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  const issued = await post(authBody(user.password, { name: tenant.name, domain: { name: "Default" } }));
  expect(issued.status).toBe(201);
  const token = issued.headers.get("x-subject-token") ?? "";
  const body = await issued.json();
  expect(body.token).toMatchObject({
    methods: ["password"],
    user: { name: user.name, domain: { id: "default" } },
    project: { id: tenant.id, name: tenant.name },
    roles: [{ name: "member" }],
  });
  const identity = body.token.catalog.find((service: { type: string }) => service.type === "identity");
  expect(identity.endpoints[0].url).toBe(`${base}/v3`);
  // By project id too.
  expect((await post(authBody(user.password, { id: tenant.id }))).status).toBe(201);

  const validated = await fetch(`${base}/v3/auth/tokens`, {
    headers: { "X-Auth-Token": token, "X-Subject-Token": token },
  });
  expect(validated.status).toBe(200);
  expect((await validated.json()).token.project.id).toBe(tenant.id);

  const refusals: [Response, number][] = [
    [await post(authBody("wrong-password", { name: tenant.name, domain: { name: "Default" } })), 401],
    [await post(authBody(user.password, { name: other.tenant.name, domain: { name: "Default" } })), 401],
    [
      await fetch(`${base}/v3/auth/tokens`, { headers: { "X-Auth-Token": `${token}x`, "X-Subject-Token": token } }),
      401,
    ],
    [
      await fetch(`${base}/v3/users/${encodeURIComponent("1")}/credentials/OS-EC2`, {
        headers: { "X-Auth-Token": token },
      }),
      403,
    ],
  ];
  for (const [answer, status] of refusals) {
    expect(answer.status).toBe(status);
    expect((await answer.json()).error).toMatchObject({
      code: status,
      title: expect.any(String),
      message: expect.any(String),
    });
  }
  const userId = body.token.user.id;
  const unknown = await fetch(`${base}/v3/users/${userId}/credentials/OS-EC2/no-such-access`, {
    headers: { "X-Auth-Token": token },
  });
  expect(unknown.status).toBe(404);
  expect(await unknown.json()).toEqual({
    error: { code: 404, title: "Not Found", message: "Could not find credential: no-such-access." },
  });
  const elsewhere = await fetch(`${base}/v3/users/${userId}/credentials/OS-EC2`, {
    method: "POST",
    headers: { "X-Auth-Token": token, "Content-Type": "application/json" },
    body: JSON.stringify({ tenant_id: other.tenant.id }),
  });
  expect(elsewhere.status).toBe(403);

  // Once the user is disabled, its token holds nothing.
  const users = await apiOk<{ items: { id: string; name: string }[] }>("GET", "/users", 200);
  const id = users.items.find((item) => item.name === user.name)?.id;
  await apiOk("PATCH", `/users/${id}`, 200, { body: { disabled: true } });
  expect(
    (await fetch(`${base}/v3/auth/tokens`, { headers: { "X-Auth-Token": token, "X-Subject-Token": token } })).status,
  ).toBe(401);
  expect((await api("GET", "/whoami", { as: user })).status).toBe(401);
});

test("keystone: wrong passwords are throttled as on the sign-in form, the same count for both", async () => {
  const { tenant, user } = await seedTenant("keystone-throttled");
  const tokens = (password: string, address: string) =>
    fetch(`${process.env.CARPORT_E2E_BASE_URL}/identity/v3/auth/tokens`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Forwarded-For": address },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ["password"],
            password: { user: { name: user.name, domain: { name: "Default" }, password } },
          },
          scope: { project: { name: tenant.name, domain: { name: "Default" } } },
        },
      }),
    });
  // Ten wrong passwords for the name, each from its own address: the right one is then refused, here and on the console.
  for (let index = 0; index < 10; index += 1)
    expect((await tokens("wrong-password", `203.0.113.${index + 1}`)).status).toBe(401);
  const refused = await tokens(user.password, "203.0.113.99");
  expect(refused.status).toBe(429);
  expect((await refused.json()).error).toMatchObject({ code: 429, message: expect.stringContaining("Too many") });
  const signInAnswer = await api("GET", "/whoami", { as: user, headers: { "X-Forwarded-For": "203.0.113.98" } });
  expect(signInAnswer.status).toBe(429);
});

test("project credentials create buckets through S3 for their tenant, within its limits, exactly", async () => {
  const mebibyte = 1024 * 1024;
  const { tenant, user } = await seedTenant("mb-co", {
    maxBuckets: 3,
    maxBytes: 8 * mebibyte,
    defaultBucketQuotaBytes: 2 * mebibyte,
  });
  const create = () =>
    JSON.parse(openstack(user, tenant.name, ["ec2", "credentials", "create", "-f", "json"])) as Created;
  const [one, two] = [create(), create()];
  const s3 = s3Client({ accessKeyId: one.access, secretAccessKey: one.secret });
  const first = `${tenant.name}-mb1`;
  // aws s3 mb, then at once a PUT past the tenant's default quota: the engine refuses it, no console read between.
  await s3.send(new CreateBucketCommand({ Bucket: first }));
  await expect(
    s3.send(new PutObjectCommand({ Bucket: first, Key: "big", Body: Buffer.alloc(3 * mebibyte) })),
  ).rejects.toMatchObject({ name: "QuotaExceeded", $metadata: { httpStatusCode: 403 } });
  await s3.send(new PutObjectCommand({ Bucket: first, Key: "small", Body: Buffer.alloc(mebibyte) }));
  // The bucket is the tenant's, with its default quota; the other credential reaches it too.
  const listed = await apiOk<{ items: { name: string; quotaBytes: number }[] }>("GET", "/buckets", 200, { as: user });
  expect(listed.items).toEqual([expect.objectContaining({ name: first, quotaBytes: 2 * mebibyte })]);
  const other = s3Client({ accessKeyId: two.access, secretAccessKey: two.secret });
  await other.send(new GetObjectCommand({ Bucket: first, Key: "small" }));
  await apiOk("POST", "/buckets", 201, { as: user, body: { name: `${tenant.name}-console` } });

  // One bucket is left: both credentials ask for it at once, exactly one gets it.
  const raced = await Promise.allSettled(
    [s3, other].map((client, index) => client.send(new CreateBucketCommand({ Bucket: `${tenant.name}-race${index}` }))),
  );
  expect(raced.filter((result) => result.status === "fulfilled")).toHaveLength(1);
  expect(raced.find((result) => result.status === "rejected")).toMatchObject({
    reason: { name: "AccessDenied", $metadata: { httpStatusCode: 403 } },
  });
  const made = raced.findIndex((result) => result.status === "fulfilled");
  await expect(s3.send(new CreateBucketCommand({ Bucket: `${tenant.name}-mb2` }))).rejects.toMatchObject({
    $metadata: { httpStatusCode: 403 },
  });
  const full = await apiOk<{ items: { name: string }[] }>("GET", "/buckets", 200, { as: user });
  expect(full.items.map((item) => item.name).sort()).toEqual(
    [first, `${tenant.name}-console`, `${tenant.name}-race${made}`].sort(),
  );
  const usage = await apiOk<{ usage: { buckets: number; allocatedBytes: number } }>(
    "GET",
    `/tenants/${tenant.id}`,
    200,
  );
  expect(usage.usage).toMatchObject({ buckets: 3, allocatedBytes: 6 * mebibyte });

  // Room again once a bucket goes.
  await apiOk("DELETE", `/buckets/${tenant.name}-console`, 204, { as: user });
  await s3.send(new CreateBucketCommand({ Bucket: `${tenant.name}-mb2` }));
  expect((await apiOk<{ items: unknown[] }>("GET", "/buckets", 200, { as: user })).items).toHaveLength(3);
});
