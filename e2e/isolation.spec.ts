import { randomBytes } from "node:crypto";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import type { APIRequestContext, Page } from "@playwright/test";
import { s3Client } from "./admin-seed";
import { api, apiOk, seedTenant, type Credentials } from "./console-api";
import { expect, signIn, test } from "./fixtures";
import { actionArgs, objectKey, stamp, type Target } from "./isolation-actions";
import { actionsFromManifest, postAction } from "./server-actions";

/**
 * Isolation between tenants A and B on every surface: every /api/v1 route (from the OpenAPI
 * document), every server action (from the build's manifest, posted directly with B's
 * session) and every page or route URL that names a bucket, key, tenant or user, each aimed
 * at A's resource and, as a twin, at one that does not exist. Each attempt must be refused,
 * and its answer must be the twin's (byte for byte, the identifier asked for aside).
 * Printed figure: refusals of attempts, which must be all of them.
 */

interface Tenant {
  user: Credentials;
  target: Target;
  /** The tenant's own S3 key, for the one surface that takes S3 credentials (KubeMQ). */
  secretAccessKey: string;
}

async function seedSide(label: string): Promise<Tenant> {
  const { tenant, user } = await seedTenant(label);
  const bucketName = `${label}-${stamp}`;
  const bucket = await apiOk<{ id: string }>("POST", "/buckets", 201, { as: user, body: { name: bucketName } });
  const key = await apiOk<{ accessKeyId: string; secretAccessKey: string }>("POST", "/keys", 201, {
    as: user,
    body: { name: `${label}-key` },
  });
  await apiOk("PUT", `/keys/${key.accessKeyId}/buckets/${bucketName}`, 200, {
    as: user,
    body: { read: true, write: true },
  });
  const s3 = s3Client(key);
  await s3.send(new PutObjectCommand({ Bucket: bucketName, Key: objectKey, Body: `${label} data` }));
  s3.destroy();
  const manifest = {
    apiVersion: "apps.cozystack.io/v1alpha1",
    kind: "Bucket",
    metadata: { name: `${label}-manifest` },
  };
  await apiOk("POST", "/buckets", 201, { as: user, body: manifest });
  const users = await apiOk<{ items: { id: string; name: string }[] }>("GET", "/users", 200);
  return {
    user,
    secretAccessKey: key.secretAccessKey,
    target: {
      tenantId: tenant.id,
      userId: users.items.find((item) => item.name === user.name)?.id ?? "",
      bucketId: bucket.id,
      bucketName,
      accessKeyId: key.accessKeyId,
      secretName: `bucket-${label}-manifest`,
      manifestName: `${label}-manifest`,
    },
  };
}

function missingTarget(): Target {
  return {
    tenantId: `t-${randomBytes(6).toString("hex")}`,
    userId: "987654",
    bucketId: randomBytes(32).toString("hex"),
    bucketName: `missing-${stamp}`,
    accessKeyId: `GK${randomBytes(12).toString("hex")}`,
    secretName: `bucket-missing-${stamp}`,
    manifestName: `missing-manifest-${stamp}`,
  };
}

/**
 * The identifiers asked for, in both twins' answers, become the same placeholders, and so
 * does a page's per-request CSP nonce. (User ids are short numbers: never substituted.)
 */
function neutral(text: string, target: Target, nonce?: string): string {
  let out = nonce ? text.split(nonce).join("<nonce>") : text;
  for (const [name, value] of Object.entries(target)) if (name !== "userId") out = out.split(value).join(`<${name}>`);
  return out;
}

/**
 * A page streams its rows (the RSC payload's lines) in whatever order they resolve: the
 * rows are compared as a set, so timing alone never counts as a difference.
 */
function rows(text: string): string {
  return text
    .split(/\\n|\n/)
    .sort()
    .join("\n");
}

function nonceOf(headers: Record<string, string>): string | undefined {
  return /'nonce-([^']+)'/.exec(headers["content-security-policy"] ?? "")?.[1];
}

interface Tally {
  attempts: number;
  refused: number;
  failures: string[];
  /** Attempts per surface (api, action, url). */
  bySurface: Record<string, number>;
}

function judge(tally: Tally, label: string, refused: boolean, aimed: string, twin: string): void {
  tally.attempts += 1;
  const surface = label.split(" ")[0];
  tally.bySurface[surface] = (tally.bySurface[surface] ?? 0) + 1;
  const same = aimed === twin;
  if (refused && same) tally.refused += 1;
  else
    tally.failures.push(
      `${label}: ${refused ? "" : "NOT REFUSED "}${same ? "" : `DIFFERS\n  A:    ${aimed}\n  none: ${twin}`}`,
    );
}

/** Every /api/v1 route of the OpenAPI document, aimed at A, as B (HTTP Basic). */
async function apiAttempts(tally: Tally, b: Tenant, a: Target, none: Target): Promise<void> {
  const document = await apiOk<{ paths: Record<string, Record<string, unknown>> }>("GET", "/openapi.json", 200, {
    as: null,
  });
  const requests = (target: Target): Record<string, { path: string; body?: unknown }> => ({
    "GET /whoami": { path: "/whoami" },
    "POST /kubemq/s3": { path: "/kubemq/s3" },
    "GET /tenants": { path: "/tenants" },
    "POST /tenants": { path: "/tenants", body: { name: `iso-${stamp}-${target.tenantId}` } },
    "GET /tenants/{id}": { path: `/tenants/${target.tenantId}` },
    "PATCH /tenants/{id}": { path: `/tenants/${target.tenantId}`, body: { disabled: true } },
    "DELETE /tenants/{id}": { path: `/tenants/${target.tenantId}` },
    "GET /users": { path: "/users" },
    "POST /users": {
      path: "/users",
      body: { name: `iso-${target.tenantId}`, password: "iso-password", role: "tenant", tenant: target.tenantId },
    },
    "PATCH /users/{id}": { path: `/users/${target.userId}`, body: { disabled: true } },
    "DELETE /users/{id}": { path: `/users/${target.userId}` },
    "GET /buckets": { path: `/buckets?tenant=${target.tenantId}` },
    "POST /buckets": { path: "/buckets", body: { name: `iso-${stamp}-new`, tenant: target.tenantId } },
    "GET /buckets/{name}": { path: `/buckets/${target.bucketName}` },
    "PATCH /buckets/{name}": { path: `/buckets/${target.bucketName}`, body: { quotaBytes: 1 } },
    "DELETE /buckets/{name}": { path: `/buckets/${target.bucketName}` },
    "GET /keys": { path: `/keys?tenant=${target.tenantId}` },
    "POST /keys": { path: "/keys", body: { name: "iso-key", tenant: target.tenantId } },
    "GET /keys/{accessKeyId}": { path: `/keys/${target.accessKeyId}?showSecret=true` },
    "DELETE /keys/{accessKeyId}": { path: `/keys/${target.accessKeyId}` },
    "PUT /keys/{accessKeyId}/buckets/{name}": {
      path: `/keys/${target.accessKeyId}/buckets/${b.target.bucketName}`,
      body: { read: true, write: true, owner: true },
    },
    "GET /secrets": { path: `/secrets?tenant=${target.tenantId}` },
    "GET /secrets/{name}": { path: `/secrets/${target.secretName}` },
  });
  // Not aimed at anyone's resource: the caller's own identity. KubeMQ takes S3 credentials
  // and answers as S3 does (AccessDenied for a bucket the key may not use): kubemqAttempt.
  const notAimed = new Set(["GET /whoami", "POST /kubemq/s3"]);
  const routes = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
  );
  for (const route of routes) {
    const aimedRequest = requests(a)[route];
    expect(aimedRequest, `no attempt written for ${route}`).toBeDefined();
    if (notAimed.has(route)) continue;
    const method = route.split(" ")[0];
    const [aimed, twin] = [
      await api(method, aimedRequest.path, { as: b.user, body: aimedRequest.body }),
      await api(method, requests(none)[route].path, { as: b.user, body: requests(none)[route].body }),
    ];
    judge(
      tally,
      `api ${route}`,
      [403, 404].includes(aimed.status),
      `${aimed.status} ${neutral(aimed.text, a)}`,
      `${twin.status} ${neutral(twin.text, none)}`,
    );
  }
  // The bucket of B with A's key in the grant, the other way round.
  const reverse = (target: Target) => `/keys/${b.target.accessKeyId}/buckets/${target.bucketName}`;
  const [aimed, twin] = [
    await api("PUT", reverse(a), { as: b.user, body: { read: true } }),
    await api("PUT", reverse(none), { as: b.user, body: { read: true } }),
  ];
  judge(
    tally,
    "api PUT B's key on A's bucket",
    aimed.status === 404,
    `${aimed.status} ${neutral(aimed.text, a)}`,
    `${twin.status} ${neutral(twin.text, none)}`,
  );
}

/** KubeMQ with B's own S3 key, asking for A's object: refused (as S3 refuses a key without rights). */
async function kubemqRefuses(b: Tenant, a: Target): Promise<boolean> {
  const answer = await api("POST", "/kubemq/s3", {
    as: { name: b.target.accessKeyId, password: b.secretAccessKey },
    body: { metadata: { method: "get_item", bucket_name: a.bucketName, item_name: objectKey }, data: null },
  });
  return answer.status >= 400 && !answer.text.includes("iso-a data");
}

/** Refused by the scope (not by a mistake in the attempt's own input): missing, or not the role's. */
const scopeCodes = new Set(["NoSuchBucket", "NoSuchAccessKey", "NoSuchTenant", "Forbidden"]);
function refusedAsMissingOrForbidden(result: string): boolean {
  const parsed = JSON.parse(result || "{}") as { ok?: boolean; code?: string };
  return parsed.ok === false && scopeCodes.has(parsed.code ?? "");
}

async function actionAttempts(tally: Tally, request: APIRequestContext, b: Target, a: Target, none: Target) {
  const table = actionArgs(b);
  for (const action of actionsFromManifest()) {
    const args = table[action.name];
    expect(args, `no attempt written for the action ${action.name}`).toBeDefined();
    if (typeof args !== "function") continue;
    const [aimed, twin] = [await postAction(request, action, args(a)), await postAction(request, action, args(none))];
    const refused = aimed.status < 400 && refusedAsMissingOrForbidden(aimed.result);
    judge(
      tally,
      `action ${action.name}`,
      refused,
      `${aimed.status} ${neutral(aimed.result, a)}`,
      `${twin.status} ${neutral(twin.result, none)}`,
    );
  }
  // The matrix's other cell: B's bucket, A's key.
  const setPermission = actionsFromManifest().find((action) => action.name === "setPermissionAction");
  if (!setPermission) throw new Error("setPermissionAction is not in the manifest");
  const cell = (t: Target) => [{ bucketId: b.bucketId, accessKeyId: t.accessKeyId, flag: "read", granted: true }];
  const [aimed, twin] = [
    await postAction(request, setPermission, cell(a)),
    await postAction(request, setPermission, cell(none)),
  ];
  judge(
    tally,
    "action setPermission A's key on B's bucket",
    refusedAsMissingOrForbidden(aimed.result),
    neutral(aimed.result, a),
    neutral(twin.result, none),
  );
}

/** Every page and console route whose URL names a bucket or a tenant, as B's browser session. */
async function urlAttempts(tally: Tally, page: Page, a: Target, none: Target) {
  const urls = (t: Target) => [
    `/buckets/${t.bucketId}`,
    `/browse/${t.bucketId}`,
    `/browse/${t.bucketId}?prefix=folder/`,
    `/browse/${t.bucketId}?versions=1`,
    `/tenants/${t.tenantId}`,
    `/hikube/${t.manifestName}`,
    `/hikube/${t.manifestName}?tenant=${t.tenantId}`,
    `/api/buckets/${t.bucketId}`,
    `/api/buckets/${t.bucketId}/versioning`,
    `/api/buckets/${t.bucketId}/access`,
    `/api/objects/${t.bucketId}`,
    `/api/objects/${t.bucketId}/versions`,
    `/api/tenants/${t.tenantId}`,
  ];
  const [aimedUrls, twinUrls] = [urls(a), urls(none)];
  for (const [index, url] of aimedUrls.entries()) {
    const [aimed, twin] = [await page.request.get(url), await page.request.get(twinUrls[index])];
    judge(
      tally,
      `url ${url.replace(a.bucketId, "<A bucket>").replace(a.tenantId, "<A tenant>")}`,
      [403, 404].includes(aimed.status()),
      `${aimed.status()} ${rows(neutral(await aimed.text(), a, nonceOf(aimed.headers())))}`,
      `${twin.status()} ${rows(neutral(await twin.text(), none, nonceOf(twin.headers())))}`,
    );
  }
}

test("isolation: B reaches nothing of A on any surface, and every refusal reads as a missing resource", async ({
  page,
}) => {
  const a = await seedSide("iso-a");
  const b = await seedSide("iso-b");
  const none = missingTarget();
  await signIn(page, b.user.name, b.user.password);
  await expect(page).not.toHaveURL(/\/signin/);

  const tally: Tally = { attempts: 0, refused: 0, failures: [], bySurface: {} };
  await apiAttempts(tally, b, a.target, none);
  await actionAttempts(tally, page.request, b.target, a.target, none);
  await urlAttempts(tally, page, a.target, none);
  expect(await kubemqRefuses(b, a.target), "KubeMQ with B's key on A's object").toBe(true);
  console.log(
    `isolation: ${tally.refused} of ${tally.attempts} attempts by tenant B on tenant A refused as if missing ` +
      `(${Object.entries(tally.bySurface)
        .map(([surface, count]) => `${surface} ${count}`)
        .join(", ")})`,
  );
  expect(tally.failures).toEqual([]);
  expect(tally.refused).toBe(tally.attempts);

  // And A's things are all still there, untouched.
  expect((await api("GET", `/buckets/${a.target.bucketName}`, { as: a.user })).status).toBe(200);
  const key = await apiOk<{ secretAccessKey: string; buckets: { name: string; read: boolean }[] }>(
    "GET",
    `/keys/${a.target.accessKeyId}?showSecret=true`,
    200,
    { as: a.user },
  );
  expect(key.buckets.map((grant) => grant.name)).toEqual([a.target.bucketName]);
  const s3 = s3Client({ accessKeyId: a.target.accessKeyId, secretAccessKey: key.secretAccessKey });
  const read = await s3.send(new GetObjectCommand({ Bucket: a.target.bucketName, Key: objectKey }));
  expect(await read.Body?.transformToString()).toBe("iso-a data");
  s3.destroy();
  expect((await api("GET", "/whoami", { as: a.user })).status).toBe(200);
});
