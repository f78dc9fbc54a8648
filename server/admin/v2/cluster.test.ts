import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEngine, type TestEngine } from "../../testing/engine-fixture";
import { callV2, callV2Error } from "../testing/admin-client";

let engine: TestEngine;

beforeAll(async () => {
  engine = await startTestEngine();
});
afterAll(async () => {
  await engine.cleanup();
});

interface Status {
  layoutVersion: number;
  nodes: Array<{
    id: string;
    isUp: boolean;
    role: { zone: string; capacity: number | null } | null;
    dataPartition: { available: number; total: number } | null;
  }>;
}
interface Layout {
  version: number;
  roles: Array<{ id: string; storedPartitions: number | null }>;
  stagedRoleChanges: Array<{ id: string }>;
}

describe("cluster", () => {
  it("starts with one volume holding every partition (layout version 1)", async () => {
    const status = await callV2<Status>(engine, "GetClusterStatus");
    expect(status.layoutVersion).toBe(1);
    expect(status.nodes).toHaveLength(1);
    expect(status.nodes[0]).toMatchObject({ isUp: true, role: { zone: "dc1" } });
    expect(status.nodes[0].dataPartition?.total).toBeGreaterThan(0);
    expect(await callV2(engine, "GetClusterHealth")).toMatchObject({
      status: "healthy",
      storageNodes: 1,
      storageNodesUp: 1,
      partitionsAllOk: 256,
    });
    const statistics = await callV2<{ freeform: string; bucketCount: number }>(engine, "GetClusterStatistics");
    expect(statistics.freeform).toContain("Storage nodes:");
    expect(statistics.bucketCount).toBe(0);
  });

  it("stages a second volume, previews moved partitions, refuses a wrong version, applies current+1", async () => {
    const second = path.join(engine.rootDir, "second-volume");
    const connected = await callV2<Array<{ success: boolean; error: string | null }>>(engine, "ConnectClusterNodes", {
      body: [`node@${second}`, "relative/path"],
    });
    expect(connected[0]).toEqual({ success: true, error: null });
    expect(connected[1].success).toBe(false);
    const status = await callV2<Status>(engine, "GetClusterStatus");
    const added = status.nodes.find((node) => node.role === null);
    expect(added).toBeDefined();
    const addedId = added?.id ?? "";
    const staged = await callV2<Layout>(engine, "UpdateClusterLayout", {
      body: { roles: [{ id: addedId, zone: "dc2", capacity: status.nodes[0].role?.capacity ?? 1e9, tags: ["ssd"] }] },
    });
    expect(staged.stagedRoleChanges.map((change) => change.id)).toEqual([addedId]);
    const preview = await callV2<{ statistics: { totalMovedPartitions: number | null } }>(
      engine,
      "PreviewClusterLayoutChanges",
      { method: "POST" },
    );
    expect(preview.statistics.totalMovedPartitions).toBeGreaterThan(0);
    const wrong = await callV2Error(engine, "ApplyClusterLayout", { body: { version: 5 } });
    expect(wrong.status).toBe(400);
    expect(wrong.message).toContain("2");
    const applied = await callV2<{ layout: Layout; message: string[] }>(engine, "ApplyClusterLayout", {
      body: { version: 2 },
    });
    expect(applied.layout.version).toBe(2);
    expect(applied.layout.roles.find((role) => role.id === addedId)?.storedPartitions).toBeGreaterThan(0);
    type History = { currentVersion: number; versions: Array<{ version: number; status: string }> };
    const history = await callV2<History>(engine, "GetClusterLayoutHistory");
    expect(history.currentVersion).toBe(2);
    expect(history.versions.map((version) => version.version)).toEqual([2, 1, 0]);
    // Version 1 drains until the rebalance has copied its data (tests/volumes/rebalance.test.ts), then is Historical.
    for (;;) {
      const status = (await callV2<History>(engine, "GetClusterLayoutHistory")).versions[1].status;
      if (status === "Historical") break;
      expect(status).toBe("Draining");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  it("reverts staged changes and rejects invalid roles", async () => {
    const layout = await callV2<Layout>(engine, "GetClusterLayout");
    await callV2(engine, "UpdateClusterLayout", { body: { roles: [{ id: layout.roles[0].id, remove: true }] } });
    const reverted = await callV2<Layout>(engine, "RevertClusterLayout", { method: "POST" });
    expect(reverted.stagedRoleChanges).toEqual([]);
    expect(
      await callV2Error(engine, "UpdateClusterLayout", {
        body: { roles: [{ id: "nothex", zone: "dc1", capacity: 1, tags: [] }] },
      }),
    ).toMatchObject({ status: 400 });
    expect(
      await callV2(engine, "UpdateClusterLayout", { body: { parameters: { zoneRedundancy: { atLeast: 1 } } } }),
    ).toMatchObject({ stagedParameters: { zoneRedundancy: { atLeast: 1 } } });
    await callV2(engine, "RevertClusterLayout", { method: "POST" });
    expect(
      await callV2(engine, "ClusterLayoutSkipDeadNodes", { body: { version: 2, allowMissingData: false } }),
    ).toEqual({ ackUpdated: [], syncUpdated: [] });
    expect(
      await callV2Error(engine, "ClusterLayoutSkipDeadNodes", { body: { version: 1, allowMissingData: false } }),
    ).toMatchObject({ status: 400 });
  });

  it("keeps an added volume across a restart", async () => {
    const volumes = (await callV2<Status>(engine, "GetClusterStatus")).nodes.length;
    await engine.restart();
    const status = await callV2<Status>(engine, "GetClusterStatus");
    expect(status.nodes).toHaveLength(volumes);
    expect(status.layoutVersion).toBe(2);
  });
});

describe("nodes, workers, repairs", () => {
  it("reports node info and statistics per node", async () => {
    const info = await callV2<{ success: Record<string, { nodeId: string }>; error: Record<string, string> }>(
      engine,
      "GetNodeInfo",
      { query: { node: "*" } },
    );
    expect(Object.keys(info.success)).toHaveLength(2);
    const self = await callV2<{ success: Record<string, unknown> }>(engine, "GetNodeStatistics", {
      query: { node: "self" },
    });
    expect(Object.keys(self.success)).toHaveLength(1);
    expect(await callV2Error(engine, "GetNodeInfo", { query: { node: "zzzz" } })).toMatchObject({ status: 400 });
  });

  it("writes a metadata snapshot", async () => {
    await callV2(engine, "CreateMetadataSnapshot", { method: "POST", query: { node: "self" } });
    const directory = path.join(engine.running.config.metadataDir, "snapshots");
    expect(fs.readdirSync(directory).length).toBe(1);
  });

  it("lists workers and changes their variables for real", async () => {
    const workers = await callV2<{ success: Record<string, Array<{ name: string }>> }>(engine, "ListWorkers", {
      query: { node: "self" },
      body: {},
    });
    expect(Object.values(workers.success)[0].map((worker) => worker.name)).toEqual(
      expect.arrayContaining(["Block collector", "Block scrub"]),
    );
    await callV2(engine, "GetWorkerInfo", { query: { node: "self" }, body: { id: 1 } });
    await callV2(engine, "SetWorkerVariable", {
      query: { node: "self" },
      body: { variable: "block-gc-delay-secs", value: "42" },
    });
    expect(engine.running.engine.collector.gcDelayMs).toBe(42_000);
    const variables = await callV2<{ success: Record<string, Record<string, string>> }>(engine, "GetWorkerVariable", {
      query: { node: "self" },
      body: {},
    });
    expect(Object.values(variables.success)[0]["block-gc-delay-secs"]).toBe("42");
    const unknown = await callV2<{ error: Record<string, string> }>(engine, "SetWorkerVariable", {
      query: { node: "self" },
      body: { variable: "nope", value: "1" },
    });
    expect(Object.keys(unknown.error)).toHaveLength(1);
  });

  it("launches repairs as workers and reports the inapplicable ones", async () => {
    for (const repairType of ["tables", "blocks", "blockRc", "rebalance", "clearResyncQueue", { scrub: "start" }]) {
      const result = await callV2<{ error: Record<string, string> }>(engine, "LaunchRepairOperation", {
        query: { node: "self" },
        body: { repairType },
      });
      expect(result.error).toEqual({});
    }
    const versions = await callV2<{ error: Record<string, string> }>(engine, "LaunchRepairOperation", {
      query: { node: "self" },
      body: { repairType: "versions" },
    });
    expect(Object.values(versions.error)[0]).toContain("does not apply");
  });

  it("lists block errors and resyncs", async () => {
    expect(await callV2(engine, "ListBlockErrors", { query: { node: "self" } })).toMatchObject({ error: {} });
    expect(await callV2(engine, "RetryBlockResync", { query: { node: "self" }, body: { all: true } })).toMatchObject({
      error: {},
    });
    const missing = await callV2<{ error: Record<string, string> }>(engine, "GetBlockInfo", {
      query: { node: "self" },
      body: { blockHash: "00".repeat(32) },
    });
    expect(Object.keys(missing.error)).toHaveLength(1);
    expect(await callV2(engine, "PurgeBlocks", { query: { node: "self" }, body: [] })).toMatchObject({ error: {} });
  });
});
