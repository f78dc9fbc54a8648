import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { v0Routes } from "../../server/admin/v0/routes";
import type { CompatRoute } from "../../server/admin/v1/table";
import { v1Routes } from "../../server/admin/v1/routes";
import { v2Operations, type V2OperationName } from "../../server/admin/v2/operations";
import { startTestEngine, type TestEngine } from "../../server/testing/engine-fixture";
import { errorCodeOf } from "../bad-input/tally";

/**
 * The admin API's authentication matrix: every v2 operation and every v1/v0 route,
 * called with no token, a wrong one, the metrics token, an expired admin token, a
 * token out of its scope, malformed Authorization headers, and the token in the
 * query instead of the header: all refused (403 AccessDenied), with no effect on
 * the cluster's state. A scoped token cannot mint or widen tokens beyond its own
 * scope. Figure: wrong accepts (0 of N), and no token or secret in logs or in
 * responses that did not ask for one.
 */

let engine: TestEngine;
const ids = { key: "", bucket: "", token: "" };
const tokens = { expired: "", scoped: "", minter: "" };
const logged: string[] = [];

interface CreatedToken {
  id: string;
  secretToken: string;
}

beforeAll(async () => {
  for (const method of ["log", "error", "warn", "info"] as const)
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
  engine = await startTestEngine();
  ids.key = (await engine.adminJson<{ accessKeyId: string }>("CreateKey", { body: { name: "victim" } })).accessKeyId;
  ids.bucket = (await engine.adminJson<{ id: string }>("CreateBucket", { body: { globalAlias: "victim" } })).id;
  const expiring = await engine.adminJson<CreatedToken>("CreateAdminToken", {
    body: { name: "expiring", scope: ["*"], expiration: new Date(Date.now() + 1500).toISOString() },
  });
  tokens.expired = expiring.secretToken;
  const scoped = await engine.adminJson<CreatedToken>("CreateAdminToken", {
    body: { name: "scoped", scope: ["ListKeys"] },
  });
  tokens.scoped = scoped.secretToken;
  ids.token = scoped.id;
  tokens.minter = (
    await engine.adminJson<CreatedToken>("CreateAdminToken", {
      body: { name: "minter", scope: ["CreateAdminToken", "UpdateAdminToken", "GetCurrentAdminTokenInfo"] },
    })
  ).secretToken;
  // Wait out the expiring token's life (a second and a half).
  await new Promise((resolve) => setTimeout(resolve, 1600));
});
afterAll(async () => {
  await engine?.cleanup();
  vi.restoreAllMocks();
});

/** Bodies that would succeed if the call were accepted, so an accepted call shows in the state. */
function v2Body(operation: V2OperationName): unknown {
  const bodies: Partial<Record<V2OperationName, unknown>> = {
    CreateKey: { name: "matrix-key" },
    ImportKey: { accessKeyId: "GKmatrix0000000000000000", secretAccessKey: "s".repeat(64), name: "matrix-import" },
    UpdateKey: { name: "renamed", allow: { createBucket: true } },
    CreateBucket: { globalAlias: "matrix-bucket" },
    UpdateBucket: { quotas: { maxSize: 1, maxObjects: 1 } },
    AllowBucketKey: {
      bucketId: ids.bucket,
      accessKeyId: ids.key,
      permissions: { read: true, write: true, owner: true },
    },
    DenyBucketKey: { bucketId: ids.bucket, accessKeyId: ids.key, permissions: { read: true } },
    AddBucketAlias: { bucketId: ids.bucket, globalAlias: "matrix-alias" },
    RemoveBucketAlias: { bucketId: ids.bucket, globalAlias: "victim" },
    CreateAdminToken: { name: "matrix-token", scope: ["*"] },
    UpdateAdminToken: { scope: ["*"] },
    UpdateClusterLayout: { parameters: { zoneRedundancy: "maximum" } },
    ConnectClusterNodes: [],
    CleanupIncompleteUploads: { bucketId: ids.bucket, olderThanSecs: 0 },
    LaunchRepairOperation: { repairType: "tables" },
    SetWorkerVariable: { variable: "resync-tranquility", value: "7" },
    PurgeBlocks: ["0".repeat(64)],
    RetryBlockResync: { all: true },
  };
  return bodies[operation] ?? {};
}

function v2Query(operation: V2OperationName): Record<string, string> {
  if (/AdminToken(Info)?$/.test(operation) && operation !== "CreateAdminToken" && operation !== "ListAdminTokens")
    return { id: ids.token };
  if (/^(Get|Update|Delete)Key/.test(operation)) return { id: ids.key };
  if (/^(Get|Update|Delete)Bucket/.test(operation)) return { id: ids.bucket };
  if (operation === "InspectObject") return { bucketId: ids.bucket, key: "k" };
  if (/Node|Worker|Block|Repair|Snapshot/.test(operation)) return { node: "*" };
  return {};
}

interface Call {
  label: string;
  /** The v2 operation this call reaches (what a scoped token's scope names). */
  reaches: string;
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
}

function compatCalls(version: "v0" | "v1", table: readonly CompatRoute[]): Call[] {
  return table.map((route) => ({
    label: `${version} ${route.method} ${route.path} (${route.name})`,
    reaches: route.name,
    method: route.method,
    path: `/${version}${route.path}`,
    query: (route.when ? { id: route.path.startsWith("/bucket") ? ids.bucket : ids.key } : {}) as Record<
      string,
      string
    >,
    body: route.method === "GET" || route.method === "DELETE" ? undefined : {},
  }));
}

const calls: () => Call[] = () => [
  ...(Object.keys(v2Operations) as V2OperationName[]).map((operation) => ({
    label: `v2 ${operation}`,
    reaches: operation,
    method: v2Operations[operation],
    path: `/v2/${operation}`,
    query: v2Query(operation),
    body: v2Operations[operation] === "POST" ? v2Body(operation) : undefined,
  })),
  ...compatCalls("v1", v1Routes),
  ...compatCalls("v0", v0Routes),
  { label: "unknown path", reaches: "none", method: "GET", path: "/v2/NoSuchOperation", query: {} },
];

const answered: string[] = [];

async function call(target: Call, authorization: string | null, extraQuery: Record<string, string> = {}) {
  const url = new URL(target.path, engine.running.adminUrl);
  for (const [name, value] of Object.entries({ ...target.query, ...extraQuery })) url.searchParams.set(name, value);
  const headers: Record<string, string> = {};
  if (authorization !== null) headers.authorization = authorization;
  if (target.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(url, {
    method: target.method,
    headers,
    body: target.body === undefined ? undefined : JSON.stringify(target.body),
  });
  const text = await response.text();
  answered.push(text);
  return { status: response.status, body: text };
}

/** Everything an accepted call could have changed, read with the admin token. */
async function state(): Promise<string> {
  const reads = [
    "ListKeys",
    "ListBuckets",
    "ListAdminTokens",
    "GetClusterLayout",
    `GetKeyInfo?id=${ids.key}`,
    `GetBucketInfo?id=${ids.bucket}`,
  ];
  const parts = [];
  for (const read of reads) parts.push(await engine.adminJson(read));
  const variable = await engine.adminJson("GetWorkerVariable", {
    body: { variable: "resync-tranquility" },
    query: { node: "*" },
  });
  return JSON.stringify([parts, variable]);
}

describe("admin API authentication matrix", () => {
  it("refuses every route without a valid token in its scope, with no effect", async () => {
    const admin = engine.running.adminToken;
    const credentials: Array<{ name: string; authorization: string | null; query?: Record<string, string> }> = [
      { name: "no token", authorization: null },
      { name: "wrong token", authorization: `Bearer ${admin.slice(0, -2)}xx` },
      { name: "admin token with a suffix", authorization: `Bearer ${admin}x` },
      { name: "metrics token", authorization: `Bearer ${engine.running.metricsToken}` },
      { name: "expired admin token", authorization: `Bearer ${tokens.expired}` },
      { name: "out-of-scope admin token", authorization: `Bearer ${tokens.scoped}` },
      { name: "Bearer without a token", authorization: "Bearer" },
      { name: "Basic scheme", authorization: `Basic ${Buffer.from(`admin:${admin}`).toString("base64")}` },
      { name: "no scheme", authorization: admin },
      { name: "two tokens", authorization: `Bearer ${admin} ${admin}` },
      {
        name: "token in the query",
        authorization: null,
        query: { token: admin, access_token: admin, authorization: `Bearer ${admin}` },
      },
    ];
    const before = await state();
    let total = 0;
    const wrong: string[] = [];
    for (const target of calls()) {
      for (const credential of credentials) {
        // A token may always read its own info, and the scoped token may list keys (and is told an unknown path is
        // unknown): those are right answers to a valid token, not refusals.
        const allowed =
          credential.name === "out-of-scope admin token" &&
          ["ListKeys", "GetCurrentAdminTokenInfo", "none"].includes(target.reaches);
        if (allowed) continue;
        total += 1;
        const answer = await call(target, credential.authorization, credential.query);
        if (answer.status !== 403 || errorCodeOf(answer.body) !== "AccessDenied")
          wrong.push(`${target.label} with ${credential.name}: ${answer.status} ${answer.body.slice(0, 100)}`);
      }
    }
    const after = await state();
    process.stdout.write(`authentication (admin matrix): ${wrong.length} wrong accepts of ${total}\n`);
    expect(wrong).toEqual([]);
    expect(after).toEqual(before);
    // The control: the same calls with the admin token do change the state.
    const create = await call(calls().find((target) => target.label === "v2 CreateKey") as Call, `Bearer ${admin}`);
    expect(create.status).toBe(200);
    expect(await state()).not.toEqual(before);
  });

  it("a scoped token cannot mint or widen a token beyond its own scope", async () => {
    const minter = `Bearer ${tokens.minter}`;
    const attempts: Array<[string, string, Record<string, string>, unknown]> = [
      ["mint a root token", "CreateAdminToken", {}, { name: "escalated", scope: ["*"] }],
      ["mint a token with another endpoint", "CreateAdminToken", {}, { name: "escalated", scope: ["DeleteBucket"] }],
      ["widen a token", "UpdateAdminToken", { id: ids.token }, { scope: ["*"] }],
    ];
    const wrong: string[] = [];
    for (const [label, operation, query, body] of attempts) {
      const answer = await call(
        { label, reaches: operation, method: "POST", path: `/v2/${operation}`, query, body },
        minter,
      );
      if (answer.status !== 403) wrong.push(`${label}: ${answer.status} ${answer.body.slice(0, 200)}`);
    }
    // Within its own scope it may mint.
    const within = await call(
      {
        label: "within",
        reaches: "CreateAdminToken",
        method: "POST",
        path: "/v2/CreateAdminToken",
        query: {},
        body: { name: "narrow", scope: ["GetCurrentAdminTokenInfo"] },
      },
      minter,
    );
    process.stdout.write(
      `authentication (admin token escalation): ${wrong.length} wrong accepts of ${attempts.length}\n`,
    );
    expect(wrong).toEqual([]);
    expect(within.status).toBe(200);
  });

  it("no token or secret reaches a log or a response that did not ask for it", async () => {
    const secrets = [
      engine.running.adminToken,
      engine.running.metricsToken,
      tokens.scoped,
      tokens.expired,
      tokens.minter,
    ];
    const keySecret = (
      await engine.adminJson<{ secretAccessKey: string | null }>("GetKeyInfo", {
        query: { id: ids.key, showSecretKey: "true" },
      })
    ).secretAccessKey;
    const unasked = answered.filter(
      (text) => secrets.some((secret) => text.includes(secret)) || (keySecret !== null && text.includes(keySecret)),
    );
    const logLeaks = logged.filter((line) =>
      [...secrets, keySecret ?? "\u0000"].some((secret) => line.includes(secret)),
    );
    // Lists and key info without showSecretKey never carry the secret.
    for (const read of [
      "ListKeys",
      `GetKeyInfo?id=${ids.key}`,
      "ListAdminTokens",
      `GetAdminTokenInfo?id=${ids.token}`,
    ]) {
      const text = JSON.stringify(await engine.adminJson(read));
      if (keySecret !== null && text.includes(keySecret)) unasked.push(read);
      if (secrets.some((secret) => text.includes(secret))) unasked.push(read);
    }
    process.stdout.write(
      `authentication (admin leaks): ${unasked.length + logLeaks.length} secrets in ${answered.length} responses and ${logged.length} log lines\n`,
    );
    expect(unasked).toEqual([]);
    expect(logLeaks).toEqual([]);
  });
});
