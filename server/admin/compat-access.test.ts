import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEngine, type TestEngine } from "../testing/engine-fixture";
import { v1Routes } from "./v1/routes";
import { v0Routes } from "./v0/routes";

/** The v1 and v0 translations are guarded exactly as v2: every route, every kind of bad token. */

let engine: TestEngine;

beforeAll(async () => {
  engine = await startTestEngine();
});
afterAll(async () => {
  await engine.cleanup();
});

const versions = [
  ["v1", v1Routes],
  ["v0", v0Routes],
] as const;

describe("v1 and v0 access", () => {
  for (const [version, routes] of versions) {
    it(`${version}: refuses a missing token, a wrong token and the metrics token on every route`, async () => {
      expect(routes.length).toBeGreaterThan(15);
      for (const route of routes) {
        for (const token of [null, "wrong-token", engine.running.metricsToken]) {
          const response = await engine.adminFetch(`/${version}${route.path}`, {
            method: route.method,
            query: { id: "x" },
            token,
            body: route.method === "GET" || route.method === "DELETE" ? undefined : {},
          });
          expect(response.status, `${route.method} /${version}${route.path} (${route.name})`).toBe(403);
          expect(((await response.json()) as { code: string }).code).toBe("AccessDenied");
        }
      }
    });
  }

  it("a scoped v2 admin token reaches a v1/v0 route only when its scope covers the v2 operations behind it", async () => {
    const created = await engine.adminJson<{ secretToken: string }>("CreateAdminToken", {
      body: { name: "lister", scope: ["ListKeys"] },
    });
    for (const version of ["v1", "v0"]) {
      expect(
        (await engine.adminFetch(`/${version}/key`, { token: created.secretToken })).status,
        `${version} ListKeys`,
      ).toBe(200);
      expect(
        (await engine.adminFetch(`/${version}/bucket`, { token: created.secretToken })).status,
        `${version} ListBuckets`,
      ).toBe(403);
      expect(
        (await engine.adminFetch(`/${version}/status`, { token: created.secretToken })).status,
        `${version} status`,
      ).toBe(403);
      expect(
        (
          await engine.adminFetch(`/${version}/key`, {
            method: "POST",
            body: { name: "nope" },
            token: created.secretToken,
          })
        ).status,
        `${version} CreateKey`,
      ).toBe(403);
    }
  });
});
