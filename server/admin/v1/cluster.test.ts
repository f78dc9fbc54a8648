import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEngine, type TestEngine } from "../../testing/engine-fixture";
import { compatCall, compatError } from "./testing/compat-client";

/** /v1 cluster and layout endpoints over HTTP on the real engine, each answer checked against the v1 spec. */

let engine: TestEngine;
beforeAll(async () => {
  engine = await startTestEngine();
});
afterAll(async () => {
  await engine.cleanup();
});

interface Role {
  id: string;
  zone: string;
  capacity: number | null;
  tags: string[];
}
interface Layout {
  version: number;
  roles: Role[];
  stagedRoleChanges: Array<Role | { id: string; remove: true }>;
}
interface Status {
  node: string;
  knownNodes: Array<{ id: string; isUp: boolean }>;
  layout: Layout;
  layoutVersion: number;
  nodes: Array<{ id: string; role: Role | null }>;
}

const v1 = <T = unknown>(method: string, route: string, init: Parameters<typeof compatCall>[4] = {}) =>
  compatCall<T>(engine, "v1", method, route, init);

async function addedNodeId(): Promise<string> {
  const status = await v1<Status>("GET", "/status", { spec: "/status" });
  const added = status.nodes.find((node) => node.role === null);
  if (!added) throw new Error("no node without a role");
  return added.id;
}

describe("v1 cluster", () => {
  it("GetClusterHealth: v1 field names", async () => {
    const health = await v1("GET", "/health", { spec: "/health" });
    expect(health).toEqual({
      status: "healthy",
      knownNodes: 1,
      connectedNodes: 1,
      storageNodes: 1,
      storageNodesOk: 1,
      partitions: 256,
      partitionsQuorum: 256,
      partitionsAllOk: 256,
    });
  });

  it("GetClusterStatus: this node, known nodes as an array, the layout (and 1.x's nodes)", async () => {
    const status = await v1<Status>("GET", "/status", { spec: "/status" });
    expect(status.knownNodes.map((node) => node.id)).toEqual([status.node]);
    expect(status.layout.version).toBe(1);
    expect(status.layout.roles[0]).toMatchObject({ id: status.node, zone: "dc1" });
    expect(status.layoutVersion).toBe(1);
    expect(status.nodes[0].role?.id).toBe(status.node);
  });

  it("ConnectClusterNodes: one result per address", async () => {
    const second = path.join(engine.rootDir, "second-volume");
    const results = await v1<Array<{ success: boolean; error: string | null }>>("POST", "/connect", {
      body: [`node@${second}`, "nope@10.0.0.11:3901"],
      spec: "/connect",
    });
    expect(results[0]).toEqual({ success: true, error: null });
    expect(results[1].success).toBe(false);
    expect(typeof results[1].error).toBe("string");
    expect((await v1<Status>("GET", "/status")).knownNodes).toHaveLength(2);
  });
});

describe("v1 layout", () => {
  it("GetClusterLayout: roles as an array, capacities in bytes", async () => {
    const layout = await v1<Layout>("GET", "/layout", { spec: "/layout" });
    expect(layout.version).toBe(1);
    expect(layout.roles[0].capacity).toBeGreaterThan(1e6);
    expect(layout.stagedRoleChanges).toEqual([]);
    expect(layout).not.toHaveProperty("partitionSize");
  });

  it("UpdateClusterLayout takes an array of changes and answers the layout; Revert (no body) clears them", async () => {
    const id = await addedNodeId();
    const staged = await v1<Layout>("POST", "/layout", {
      body: [{ id, zone: "dc2", capacity: 100_000_000_000, tags: ["ssd"] }],
      spec: "/layout",
    });
    expect(staged.stagedRoleChanges).toEqual([{ id, zone: "dc2", capacity: 100_000_000_000, tags: ["ssd"] }]);
    const reverted = await v1<Layout>("POST", "/layout/revert");
    expect(reverted.stagedRoleChanges).toEqual([]);
    expect(reverted.version).toBe(1);
  });

  it("ApplyClusterLayout needs current+1 and answers {message, layout}", async () => {
    const id = await addedNodeId();
    await v1("POST", "/layout", { body: [{ id, zone: "dc2", capacity: 100_000_000_000, tags: [] }] });
    const wrong = await compatError(engine, "v1", "POST", "/layout/apply", 400, { body: { version: 7 } });
    expect(wrong.code).toBe("InvalidLayoutVersion");
    expect(wrong.message).toContain("2");
    const applied = await v1<{ message: string[]; layout: Layout }>("POST", "/layout/apply", {
      body: { version: 2 },
      spec: "/layout/apply",
    });
    expect(applied.message.length).toBeGreaterThan(0);
    expect(applied.layout.version).toBe(2);
    expect(applied.layout.roles.map((role) => role.id)).toContain(id);
  });

  it("stages a removal as {id, remove: true}; a 0.9-style Revert with {version} checks it", async () => {
    const layout = await v1<Layout>("GET", "/layout");
    const id = layout.roles[1].id;
    const staged = await v1<Layout>("POST", "/layout", { body: [{ id, remove: true }], spec: "/layout" });
    expect(staged.stagedRoleChanges).toEqual([{ id, remove: true }]);
    expect((await compatError(engine, "v1", "POST", "/layout/revert", 400, { body: { version: 9 } })).code).toBe(
      "InvalidLayoutVersion",
    );
    expect((await v1<Layout>("POST", "/layout/revert", { body: { version: 3 } })).stagedRoleChanges).toEqual([]);
  });

  it("refuses malformed changes with InvalidRequest", async () => {
    const id = (await v1<Layout>("GET", "/layout")).roles[0].id;
    for (const body of [[{ id, remove: false }], [{ id, zone: "dc1", tags: [] }], { id }]) {
      expect((await compatError(engine, "v1", "POST", "/layout", 400, { body })).code).toBe("InvalidRequest");
    }
    expect(
      (
        await compatError(engine, "v1", "POST", "/layout", 400, {
          body: [{ id: "nothex", zone: "dc1", capacity: 1, tags: [] }],
        })
      ).code,
    ).toBe("InvalidLayout");
    expect((await compatError(engine, "v1", "POST", "/layout/apply", 400, { body: {} })).code).toBe("InvalidRequest");
  });
});

describe("v1 routing and access", () => {
  it("answers unknown paths, wrong methods and missing discriminators in Garage's error shape", async () => {
    expect((await compatError(engine, "v1", "GET", "/nope", 404)).code).toBe("NotFound");
    expect((await compatError(engine, "v1", "PATCH", "/layout", 405)).code).toBe("MethodNotAllowed");
    expect((await compatError(engine, "v1", "DELETE", "/key", 400)).code).toBe("InvalidRequest");
  });

  it("refuses a missing or wrong token with 403", async () => {
    await compatError(engine, "v1", "GET", "/status", 403, { token: null });
    await compatError(engine, "v1", "GET", "/status", 403, { token: "wrong" });
  });
});
