import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEngine, type TestEngine } from "../../testing/engine-fixture";
import { compatCall, compatError } from "../v1/testing/compat-client";

/** /v0 cluster and layout endpoints over HTTP on the real engine, each answer checked against the v0 spec. */

let engine: TestEngine;
beforeAll(async () => {
  engine = await startTestEngine();
});
afterAll(async () => {
  await engine.cleanup();
});

interface Role {
  zone: string;
  capacity: number | null;
  tags: string[];
}
interface Layout {
  version: number;
  roles: Record<string, Role>;
  stagedRoleChanges: Record<string, Role | null>;
}
interface Status {
  node: string;
  garageVersion: string;
  knownNodes: Record<string, { addr: string; is_up: boolean; last_seen_secs_ago: number | null; hostname: string }>;
  layout: Layout;
}

const v0 = <T = unknown>(method: string, route: string, init: Parameters<typeof compatCall>[4] = {}) =>
  compatCall<T>(engine, "v0", method, route, init);
let secondId = "";

describe("v0 cluster", () => {
  it("GetClusterHealth: snake_case, capitalised status (the seed's shape)", async () => {
    expect(await v0("GET", "/health")).toEqual({
      status: "Healthy",
      known_nodes: 1,
      connected_nodes: 1,
      storage_nodes: 1,
      storage_nodes_ok: 1,
      partitions: 256,
      partitions_quorum: 256,
      partitions_all_ok: 256,
    });
  });

  it("ConnectClusterNodes, then GetClusterStatus with knownNodes as a map", async () => {
    const results = await v0<Array<{ success: boolean }>>("POST", "/connect", {
      body: [`node@${path.join(engine.rootDir, "second")}`],
      spec: "/connect",
    });
    expect(results).toEqual([{ success: true, error: null }]);
    const status = await v0<Status>("GET", "/status", { spec: "/status" });
    expect(Object.keys(status.knownNodes)).toHaveLength(2);
    expect(status.knownNodes[status.node]).toMatchObject({ is_up: true, last_seen_secs_ago: null });
    expect(Object.keys(status.layout.roles)).toEqual([status.node]);
    secondId = Object.keys(status.knownNodes).find((id) => id !== status.node) ?? "";
  });
});

describe("v0 layout", () => {
  it("GetClusterLayout: roles keyed by node id, capacity as a GB weight", async () => {
    const layout = await v0<Layout>("GET", "/layout", { spec: "/layout" });
    expect(layout.version).toBe(1);
    const [role] = Object.values(layout.roles);
    expect(Number.isInteger(role.capacity)).toBe(true);
    expect(layout.stagedRoleChanges).toEqual({});
  });

  it("UpdateClusterLayout takes a map and answers 200 with no body; weights become GB for v2", async () => {
    expect(
      await v0("POST", "/layout", { body: { [secondId]: { zone: "dc2", capacity: 5, tags: ["node4"] } } }),
    ).toBeUndefined();
    const layout = await v0<Layout>("GET", "/layout", { spec: "/layout" });
    expect(layout.stagedRoleChanges).toEqual({ [secondId]: { zone: "dc2", capacity: 5, tags: ["node4"] } });
    const v2 = await engine.adminJson<{ stagedRoleChanges: Array<{ id: string; capacity: number }> }>(
      "GetClusterLayout",
    );
    expect(v2.stagedRoleChanges).toEqual([expect.objectContaining({ id: secondId, capacity: 5_000_000_000 })]);
  });

  it("ApplyClusterLayout needs {version: current+1} and answers 200 with no body", async () => {
    const wrong = await compatError(engine, "v0", "POST", "/layout/apply", 400, { body: { version: 12 } });
    expect(wrong).toMatchObject({ code: "InvalidLayoutVersion", message: expect.stringContaining("2") });
    expect(await v0("POST", "/layout/apply", { body: { version: 2 } })).toBeUndefined();
    const status = await v0<Status>("GET", "/status", { spec: "/status" });
    expect(status.layout.version).toBe(2);
    expect(status.layout.roles[secondId]).toEqual({ zone: "dc2", capacity: 5, tags: ["node4"] });
  });

  it("a staged removal shows as null; RevertClusterLayout needs {version: current+1}", async () => {
    await v0("POST", "/layout", { body: { [secondId]: null } });
    expect((await v0<Layout>("GET", "/layout", { spec: "/layout" })).stagedRoleChanges).toEqual({ [secondId]: null });
    expect((await compatError(engine, "v0", "POST", "/layout/revert", 400, { body: { version: 2 } })).code).toBe(
      "InvalidLayoutVersion",
    );
    expect((await compatError(engine, "v0", "POST", "/layout/revert", 400)).code).toBe("InvalidRequest");
    expect(await v0("POST", "/layout/revert", { body: { version: 3 } })).toBeUndefined();
    expect((await v0<Layout>("GET", "/layout")).stagedRoleChanges).toEqual({});
  });

  it("refuses roles without all three fields and capacities that are not whole positive weights", async () => {
    for (const role of [
      { zone: "dc1", capacity: 1 },
      { zone: "dc1", capacity: 0, tags: [] },
      { zone: "dc1", capacity: 1.5, tags: [] },
      { zone: "dc1", capacity: 1e12, tags: [] },
    ]) {
      expect((await compatError(engine, "v0", "POST", "/layout", 400, { body: { [secondId]: role } })).code).toBe(
        "InvalidRequest",
      );
    }
    expect((await v0<Layout>("GET", "/layout")).stagedRoleChanges).toEqual({});
  });

  it("a gateway (capacity null) stays null", async () => {
    await v0("POST", "/layout", { body: { [secondId]: { zone: "dc2", capacity: null, tags: ["gateway"] } } });
    expect((await v0<Layout>("GET", "/layout", { spec: "/layout" })).stagedRoleChanges[secondId]).toEqual({
      zone: "dc2",
      capacity: null,
      tags: ["gateway"],
    });
    await v0("POST", "/layout/revert", { body: { version: 3 } });
  });
});

describe("v0 routing and access", () => {
  it("answers unknown paths and missing discriminators in Garage's error shape; refuses bad tokens", async () => {
    expect((await compatError(engine, "v0", "GET", "/nope", 404)).code).toBe("NotFound");
    expect((await compatError(engine, "v0", "PUT", "/bucket", 400)).code).toBe("InvalidRequest");
    await compatError(engine, "v0", "GET", "/status", 403, { token: null });
    await compatError(engine, "v0", "GET", "/status", 403, { token: engine.running.metricsToken });
  });
});
