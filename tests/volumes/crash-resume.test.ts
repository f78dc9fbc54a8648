import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  bodyOf,
  clientFor,
  clusterHealth,
  clusterNodes,
  eventually,
  goodCopies,
  inParallel,
  putObject,
  readObject,
  sha256Hex,
  startVolumeCluster,
  type StoredObject,
  type VolumeCluster,
} from "./volume-cluster";
import { layoutHistory, rebalanceWorker, resyncWorker, setWorkerVariable } from "./workers";

/**
 * Issue 13, fifth acceptance line: the engine is killed with SIGKILL in the middle
 * of a rebalance and in the middle of a volume restore. On restart each resumes
 * from the progress it saved and completes; no object is lost. A run started over
 * would find the blocks copied before the kill already in place and count none of
 * them, so a count of copied blocks at least as high as before the kill proves the
 * resume.
 */

const stepTimeoutMs = 600_000;
const blockSizeBytes = 4096;
const objectBytes = 64 * 1024;

let cluster: VolumeCluster | null = null;
afterEach(async () => {
  await cluster?.engine.cleanup();
  cluster = null;
});

async function storeObjects(target: VolumeCluster, count: number): Promise<StoredObject[]> {
  const keys = Array.from({ length: count }, (_, index) => `object-${index}`);
  return inParallel(keys, 6, (key) => putObject(target, key, bodyOf(key, objectBytes)));
}

async function killAndRestart(target: VolumeCluster): Promise<void> {
  await target.engine.kill("SIGKILL");
  await target.engine.restart();
  target.client = clientFor(target.engine, target.key);
}

async function expectAllReadBack(target: VolumeCluster, objects: StoredObject[]): Promise<void> {
  const wrong = await inParallel(objects, 6, async (object) =>
    sha256Hex(await readObject(target, object.key)) === object.sha256 ? null : object.key,
  );
  expect(wrong.filter((key) => key !== null)).toEqual([]);
}

/** The number before `label` in a worker's progress ("…, 120 blocks copied, …"), or -1. */
function countIn(progress: string | null, label: string): number {
  const match = new RegExp(`(\\d+) ${label}`).exec(progress ?? "");
  return match ? Number(match[1]) : -1;
}

const statusSchema = z.object({ nodes: z.array(z.object({ id: z.string(), addr: z.string().nullable() })) });

describe("kill -9 in the middle of background repairs", () => {
  it(
    "a rebalance resumes after a restart and completes",
    async () => {
      cluster = await startVolumeCluster({ zones: ["dc1", "dc2", "dc3"], replicationFactor: 3, blockSizeBytes });
      const objects = await storeObjects(cluster, 60);
      await setWorkerVariable(cluster.engine, "rebalance-tranquility", "50");
      const fourthDir = path.join(cluster.engine.rootDir, "volume-3");
      await cluster.engine.admin("ConnectClusterNodes", [`volume@${fourthDir}`]);
      const status = statusSchema.parse(await cluster.engine.admin("GetClusterStatus"));
      const fourthId = status.nodes.find((node) => node.addr === fourthDir)?.id;
      await cluster.engine.admin("UpdateClusterLayout", {
        roles: [{ id: fourthId, zone: "dc4", capacity: 10_000_000_000, tags: [] }],
      });
      await cluster.engine.admin("ApplyClusterLayout", { version: 2 });
      const running = cluster;
      const before = await eventually("the rebalance to copy some blocks", async () => {
        const copied = countIn((await rebalanceWorker(running.engine)).progress, "blocks copied");
        return copied >= 10 ? copied : undefined;
      });
      await killAndRestart(cluster);
      const resumed = await rebalanceWorker(cluster.engine);
      expect(resumed.tranquility).toBe(50);
      expect(resumed.progress).toContain("copying moved partitions");
      expect(countIn(resumed.progress, "blocks copied")).toBeGreaterThanOrEqual(before);
      expect((await layoutHistory(cluster.engine)).versions.find((v) => v.version === 1)?.status).toBe("Draining");
      await setWorkerVariable(cluster.engine, "rebalance-tranquility", "0");
      await eventually("the rebalance to complete", async () => {
        const history = await layoutHistory(running.engine);
        const worker = await rebalanceWorker(running.engine);
        const historical = history.versions.find((version) => version.version === 1)?.status === "Historical";
        return historical && worker.progress === null ? true : undefined;
      });
      const blocks = objects.flatMap((object) => object.blocks);
      const copies = goodCopies([...cluster.volumeDirs, fourthDir], blocks);
      expect([...copies.values()].filter((count) => count !== 3)).toEqual([]);
      await expectAllReadBack(cluster, objects);
    },
    stepTimeoutMs,
  );

  it(
    "a volume restore resumes after a restart and completes",
    async () => {
      cluster = await startVolumeCluster({ zones: ["dc1", "dc2", "dc3"], replicationFactor: 3, blockSizeBytes });
      const running = cluster;
      const objects = await storeObjects(cluster, 100);
      await setWorkerVariable(cluster.engine, "resync-tranquility", "10");
      // The restore's progress is the restored volume's own figure: ask that node.
      const restoredNode = (await clusterNodes(cluster.engine)).find(
        (node) => node.addr === cluster?.volumeDirs[2],
      )?.id;
      if (!restoredNode) throw new Error("the third volume is not listed");
      fs.rmSync(cluster.volumeDirs[2], { recursive: true });
      await eventually("the volume to be down", async () =>
        (await clusterHealth(running.engine)).status === "degraded" ? true : undefined,
      );
      fs.mkdirSync(cluster.volumeDirs[2]);
      const before = await eventually("the restore to copy some blocks", async () => {
        const restored = countIn((await resyncWorker(running.engine, restoredNode)).progress, "restored");
        return restored > 0 ? restored : undefined;
      });
      await killAndRestart(cluster);
      const resumed = await resyncWorker(cluster.engine, restoredNode);
      expect(resumed.progress).toContain("restoring volume");
      expect(countIn(resumed.progress, "restored")).toBeGreaterThanOrEqual(before);
      await setWorkerVariable(cluster.engine, "resync-tranquility", "0");
      const blocks = objects.flatMap((object) => object.blocks);
      await eventually(
        "every block to have three good copies",
        async () =>
          [...goodCopies(running.volumeDirs, blocks).values()].every((count) => count === 3) ? true : undefined,
        1000,
      );
      await eventually("the restore to be done", async () =>
        (await resyncWorker(running.engine, restoredNode)).progress === null ? true : undefined,
      );
      expect(await clusterHealth(cluster.engine)).toMatchObject({ status: "healthy" });
      await expectAllReadBack(cluster, objects);
    },
    stepTimeoutMs,
  );
});
