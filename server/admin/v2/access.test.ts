import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEngine, type TestEngine } from "../../testing/engine-fixture";
import { callV2, callV2Error } from "../testing/admin-client";
import { specOperations } from "../testing/spec";
import { v2OperationNames, v2Operations } from "./operations";

let engine: TestEngine;

beforeAll(async () => {
  engine = await startTestEngine();
});
afterAll(async () => {
  await engine.cleanup();
});

describe("the v2 table", () => {
  it("serves exactly the spec's /v2 paths with the spec's methods", () => {
    const fromSpec = specOperations
      .filter((op) => op.path.startsWith("/v2/"))
      .map((op) => `${op.method} ${op.path}`)
      .sort();
    const ours = v2OperationNames.map((name) => `${v2Operations[name]} /v2/${name}`).sort();
    expect(ours).toEqual(fromSpec);
  });
});

describe("access", () => {
  it("refuses a missing token, a wrong token and the metrics token on every endpoint", async () => {
    for (const name of v2OperationNames) {
      for (const token of [null, "wrong-token", engine.running.metricsToken]) {
        const response = await engine.adminFetch(name, { method: v2Operations[name], token });
        expect(response.status, `${name} with ${token === null ? "no token" : "a bad token"}`).toBe(403);
        const body = (await response.json()) as { code: string; path: string };
        expect(body.code).toBe("AccessDenied");
        expect(body.path).toBe(`/v2/${name}`);
      }
    }
  });

  it("lets a scoped token reach only its scope, and always its own info", async () => {
    const created = await callV2<{ id: string; secretToken: string; scope: string[] }>(engine, "CreateAdminToken", {
      body: { name: "reader", scope: ["ListBuckets", "GetClusterHealth"] },
    });
    expect(created.secretToken.startsWith(`${created.id}.`)).toBe(true);
    expect(created.id).toMatch(/^[0-9a-f]{24}$/);
    for (const name of v2OperationNames) {
      const response = await engine.adminFetch(name, { method: v2Operations[name], token: created.secretToken });
      const allowed = ["ListBuckets", "GetClusterHealth", "GetCurrentAdminTokenInfo"].includes(name);
      if (allowed) expect(response.status, name).toBe(200);
      else expect(response.status, name).toBe(403);
    }
    const current = await callV2<{ id: string; name: string }>(engine, "GetCurrentAdminTokenInfo", {
      token: created.secretToken,
    });
    expect(current).toMatchObject({ id: created.id, name: "reader" });
  });

  it("refuses an expired token and a deleted token", async () => {
    const expired = await callV2<{ id: string; secretToken: string; expired: boolean }>(engine, "CreateAdminToken", {
      body: { name: "old", expiration: "2001-01-01T00:00:00Z", scope: ["*"] },
    });
    expect(expired.expired).toBe(true);
    expect((await engine.adminFetch("ListBuckets", { token: expired.secretToken })).status).toBe(403);
    const live = await callV2<{ id: string; secretToken: string }>(engine, "CreateAdminToken", {
      body: { name: "gone", neverExpires: true, scope: ["*"] },
    });
    expect((await engine.adminFetch("ListBuckets", { token: live.secretToken })).status).toBe(200);
    await callV2(engine, "DeleteAdminToken", { method: "POST", query: { id: live.id } });
    expect((await engine.adminFetch("ListBuckets", { token: live.secretToken })).status).toBe(403);
  });

  it("manages admin tokens: list, get by id and search, update, errors", async () => {
    const created = await callV2<{ id: string }>(engine, "CreateAdminToken", {
      body: { name: "ops", scope: ["ListKeys"] },
    });
    const list = await callV2<Array<{ id: string | null; name: string }>>(engine, "ListAdminTokens");
    expect(list.map((token) => token.name)).toContain("ops");
    expect(list.some((token) => token.id === null)).toBe(true);
    expect(await callV2(engine, "GetAdminTokenInfo", { query: { id: created.id } })).toMatchObject({
      name: "ops",
      scope: ["ListKeys"],
    });
    expect(await callV2(engine, "GetAdminTokenInfo", { query: { search: "ops" } })).toMatchObject({ id: created.id });
    const updated = await callV2(engine, "UpdateAdminToken", {
      query: { id: created.id },
      body: { name: "ops2", scope: ["ListKeys", "GetKeyInfo"] },
    });
    expect(updated).toMatchObject({ name: "ops2", scope: ["ListKeys", "GetKeyInfo"] });
    expect(
      await callV2Error(engine, "UpdateAdminToken", { query: { id: created.id }, body: { scope: ["NoSuchOp"] } }),
    ).toMatchObject({ status: 400, code: "InvalidRequest" });
    expect(await callV2Error(engine, "GetAdminTokenInfo", { query: { id: "0123456789abcdef01234567" } })).toMatchObject(
      { status: 404, code: "NoSuchAdminToken" },
    );
    expect(await callV2(engine, "GetCurrentAdminTokenInfo")).toMatchObject({ id: null, scope: ["*"] });
  });

  it("answers OPTIONS, /health and /check without a token", async () => {
    const options = await fetch(new URL("/v2/ListBuckets", engine.running.adminUrl), { method: "OPTIONS" });
    expect(options.status).toBe(204);
    expect(options.headers.get("access-control-allow-origin")).toBe("*");
    const health = await engine.adminFetch("/health", { token: null });
    expect(health.status).toBe(200);
    expect(await health.text()).toContain("fully operational");
    expect((await engine.adminFetch("/check", { token: null })).status).toBe(400);
    expect((await engine.adminFetch("/check", { token: null, query: { domain: "nothing.example" } })).status).toBe(400);
  });

  it("serves /metrics to the metrics and admin tokens only", async () => {
    expect((await engine.adminFetch("/metrics", { token: null })).status).toBe(403);
    expect((await engine.adminFetch("/metrics", { token: "wrong" })).status).toBe(403);
    const response = await engine.adminFetch("/metrics", { token: engine.running.metricsToken });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/api_request_counter\{api="admin",endpoint="ListBuckets",status_code="200"\} \d+/);
    expect(text).toMatch(/carport_volume_free_bytes\{/);
    expect(text).toContain("carport_objects 0");
    expect((await engine.adminFetch("/metrics")).status).toBe(200);
  });

  it("answers unknown paths, wrong methods and bad bodies with Garage's JSON errors", async () => {
    expect(await callV2Error(engine, "NoSuchOperation")).toMatchObject({ status: 404, code: "NotFound" });
    expect(await callV2Error(engine, "ListBuckets", { method: "POST", body: {} })).toMatchObject({ status: 405 });
    const bad = await engine.adminFetch("CreateBucket", { method: "POST", body: undefined });
    expect(bad.status).toBe(200);
    const notJson = await fetch(new URL("/v2/CreateKey", engine.running.adminUrl), {
      method: "POST",
      headers: { authorization: `Bearer ${engine.running.adminToken}` },
      body: "{",
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({
      code: "InvalidRequest",
      region: engine.running.config.s3.region,
      path: "/v2/CreateKey",
    });
  });
});
