import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  blockFilesOf,
  bodyOf,
  eventually,
  inParallel,
  putObject,
  readObject,
  sha256Hex,
  startVolumeCluster,
  type StoredObject,
  type VolumeCluster,
} from "./volume-cluster";
import { layoutHistory, rebalanceWorker, setWorkerVariable } from "./workers";

/**
 * Issue 13, fourth acceptance line: three volumes in three zones (rf 3), a fourth
 * volume in a fourth zone is added and the layout applied. The rebalance copies
 * exactly the partition copies the layout reports as moved, removes the copies
 * the old volumes no longer hold, moves nothing else, never fails a read while it
 * runs, and leaves the old version Historical.
 */

const stepTimeoutMs = 300_000;
/** Small blocks, so a few MiB of objects put blocks in every one of the 256 partitions. */
const blockSizeBytes = 4096;
const objectBytes = 64 * 1024;

let cluster: VolumeCluster;
const stored: StoredObject[] = [];

beforeAll(async () => {
  cluster = await startVolumeCluster({ zones: ["dc1", "dc2", "dc3"], replicationFactor: 3, blockSizeBytes });
});
afterAll(async () => {
  await cluster?.engine.cleanup();
});

/** Objects until every partition holds at least one block (the seeded bodies make this deterministic). */
async function fillEveryPartition(): Promise<void> {
  const covered = new Set<number>();
  for (let batch = 0; covered.size < 256; batch += 1) {
    const keys = Array.from({ length: 40 }, (_, index) => `object-${batch}-${index}`);
    const objects = await inParallel(keys, 6, (key) => putObject(cluster, key, bodyOf(key, objectBytes)));
    for (const object of objects) for (const hash of object.blocks) covered.add(Number.parseInt(hash.slice(0, 2), 16));
    stored.push(...objects);
  }
}

/** For each volume directory: partition -> the set of block hashes it holds. */
function partitionsOnDisk(dirs: string[]): Array<Map<number, Set<string>>> {
  return dirs.map((dir) => {
    const byPartition = new Map<number, Set<string>>();
    for (const hash of blockFilesOf(dir).keys()) {
      const partition = Number.parseInt(hash.slice(0, 2), 16);
      const set = byPartition.get(partition) ?? new Set<string>();
      set.add(hash);
      byPartition.set(partition, set);
    }
    return byPartition;
  });
}

const applySchema = z.object({ statistics: z.object({ totalMovedPartitions: z.number() }) });
const statusSchema = z.object({ nodes: z.array(z.object({ id: z.string(), addr: z.string().nullable() })) });
const perNodeInfo = z.object({ success: z.record(z.string(), z.object({ nodeId: z.string() })) });
const perNodeStatistics = z.object({
  success: z.record(z.string(), z.object({ blockManagerStats: z.object({ rcEntries: z.number() }) })),
});
const layoutSchema = z.object({
  roles: z.array(z.object({ id: z.string(), storedPartitions: z.number().nullable() })),
});

describe("rebalance after adding a fourth volume (rf 3)", () => {
  let movedPartitions = 0;
  let before: Array<Map<number, Set<string>>> = [];
  const fourthDir = () => path.join(cluster.engine.rootDir, "volume-3");

  it(
    "starts with every block of every partition on the three volumes",
    async () => {
      await fillEveryPartition();
      before = partitionsOnDisk(cluster.volumeDirs);
      for (const volume of before) expect(volume.size).toBe(256);
    },
    stepTimeoutMs,
  );

  it(
    "applies a layout with the fourth volume; the old version drains while blocks move",
    async () => {
      // Slow enough that the move is observed half-way; the pace is a worker variable.
      await setWorkerVariable(cluster.engine, "rebalance-tranquility", "50");
      await cluster.engine.admin("ConnectClusterNodes", [`volume@${fourthDir()}`]);
      const status = statusSchema.parse(await cluster.engine.admin("GetClusterStatus"));
      const fourth = status.nodes.find((node) => node.addr === fourthDir());
      expect(fourth).toBeDefined();
      await cluster.engine.admin("UpdateClusterLayout", {
        roles: [{ id: fourth?.id, zone: "dc4", capacity: 10_000_000_000, tags: [] }],
      });
      const applied = applySchema.parse(await cluster.engine.admin("ApplyClusterLayout", { version: 2 }));
      movedPartitions = applied.statistics.totalMovedPartitions;
      expect(movedPartitions).toBe(192);
      const history = await layoutHistory(cluster.engine);
      expect(history.versions.find((version) => version.version === 1)?.status).toBe("Draining");
    },
    stepTimeoutMs,
  );

  it(
    "serves every read while the blocks move, and ends with the old version Historical",
    async () => {
      let reads = 0;
      const failures: string[] = [];
      let moving = true;
      const reader = (async () => {
        while (moving) {
          const object = stored[reads % stored.length];
          reads += 1;
          try {
            if (sha256Hex(await readObject(cluster, object.key)) !== object.sha256)
              failures.push(`${object.key}: bytes`);
          } catch (error) {
            failures.push(`${object.key}: ${String(error)}`);
          }
        }
      })();
      await eventually("the rebalance to be half-way", async () => {
        const worker = await rebalanceWorker(cluster.engine);
        return worker.progress?.includes("copying") && !worker.progress.startsWith("copying moved partitions: 0 ")
          ? worker
          : undefined;
      });
      await setWorkerVariable(cluster.engine, "rebalance-tranquility", "0");
      await eventually("the old version to be Historical and the rebalance done", async () => {
        const history = await layoutHistory(cluster.engine);
        const worker = await rebalanceWorker(cluster.engine);
        const historical = history.versions.find((version) => version.version === 1)?.status === "Historical";
        return historical && worker.progress === null ? worker : undefined;
      });
      moving = false;
      await reader;
      expect(failures).toEqual([]);
      expect(reads).toBeGreaterThan(0);
    },
    stepTimeoutMs,
  );

  it(
    "moved exactly the partitions the layout reported, and nothing else",
    async () => {
      const dirs = [...cluster.volumeDirs, fourthDir()];
      const after = partitionsOnDisk(dirs);
      const emptyBefore = new Map<number, Set<string>>();
      let gained = 0;
      let lost = 0;
      dirs.forEach((_, index) => {
        const old = before[index] ?? emptyBefore;
        for (let partition = 0; partition < 256; partition += 1) {
          const had = old.get(partition);
          const has = after[index].get(partition);
          if (has && !had) gained += 1;
          if (had && !has) lost += 1;
          // A partition a volume keeps keeps exactly its blocks: nothing else moved.
          if (had && has) expect([...has].sort()).toEqual([...had].sort());
        }
      });
      expect(gained).toBe(movedPartitions);
      expect(lost).toBe(movedPartitions);
      // Every partition is on three volumes with all its blocks, and each volume holds what the layout says.
      for (let partition = 0; partition < 256; partition += 1) {
        const all = new Set(before.flatMap((volume) => [...(volume.get(partition) ?? [])]));
        const holders = after.filter((volume) => volume.has(partition));
        expect(holders).toHaveLength(3);
        for (const holder of holders) expect(holder.get(partition)?.size).toBe(all.size);
      }
      const layout = layoutSchema.parse(await cluster.engine.admin("GetClusterLayout"));
      const status = statusSchema.parse(await cluster.engine.admin("GetClusterStatus"));
      for (const role of layout.roles) {
        const dir = status.nodes.find((node) => node.id === role.id)?.addr ?? "";
        expect(after[dirs.indexOf(dir)].size).toBe(role.storedPartitions);
      }
      expect(fs.readdirSync(path.join(fourthDir(), "tmp"))).toEqual([]);
      // Per-node answers are each volume's own: its id, and the block references of its partitions.
      const info = perNodeInfo.parse(await cluster.engine.admin("GetNodeInfo", undefined, { node: "*" }));
      for (const [id, answer] of Object.entries(info.success)) expect(answer.nodeId).toBe(id);
      const statistics = perNodeStatistics.parse(
        await cluster.engine.admin("GetNodeStatistics", undefined, { node: "*" }),
      );
      const totalBlocks = new Set(stored.flatMap((object) => object.blocks)).size;
      let sum = 0;
      for (const role of layout.roles) {
        const dir = status.nodes.find((node) => node.id === role.id)?.addr ?? "";
        const onDisk = [...after[dirs.indexOf(dir)].values()].reduce((total, blocks) => total + blocks.size, 0);
        const rcEntries = statistics.success[role.id]?.blockManagerStats.rcEntries;
        expect(rcEntries).toBe(onDisk);
        sum += rcEntries ?? 0;
      }
      expect(sum).toBe(3 * totalBlocks);
    },
    stepTimeoutMs,
  );
});
