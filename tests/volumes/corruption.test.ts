import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  blockFilesOf,
  bodyOf,
  clusterHealth,
  clusterNodes,
  eventually,
  goodCopies,
  putObject,
  readObject,
  sha256Hex,
  startVolumeCluster,
  type StoredObject,
  type VolumeCluster,
} from "./volume-cluster";
import { scrubWorker, setWorkerVariable } from "./workers";

/**
 * Issue 13, third acceptance line: a byte flipped in one copy of a block. A GET
 * that meets the bad copy still returns the right bytes and quarantines it; the
 * scrub finds the bad copies no read met; the resync puts good copies back. A bad
 * copy that cannot be repaired (its good copies are on volumes that are down) is
 * listed by ListBlockErrors, for the volume it concerns, until a retry repairs it.
 */

const stepTimeoutMs = 300_000;
const objectBytes = 100 * 1024;

let cluster: VolumeCluster;
let nodeIds: string[] = [];

beforeAll(async () => {
  cluster = await startVolumeCluster({ zones: ["dc1", "dc2", "dc3"], replicationFactor: 3 });
  const nodes = await clusterNodes(cluster.engine);
  nodeIds = cluster.volumeDirs.map((dir) => nodes.find((node) => node.addr === dir)?.id ?? "");
});
afterAll(async () => {
  await cluster?.engine.cleanup();
});

/** Single-block bodies whose blocks all fall in one partition, so every read tries the same volume first. */
function samePartitionBodies(count: number): Array<{ key: string; body: Buffer }> {
  const byPartition = new Map<string, Array<{ key: string; body: Buffer }>>();
  for (let index = 0; ; index += 1) {
    const key = `same-partition-${index}`;
    const body = bodyOf(key, objectBytes);
    const partition = sha256Hex(body).slice(0, 2);
    const group = byPartition.get(partition) ?? [];
    group.push({ key, body });
    byPartition.set(partition, group);
    if (group.length === count) return group;
  }
}

function flipByte(volumeDir: string, hashHex: string): void {
  const file = path.join(volumeDir, hashHex.slice(0, 2), hashHex);
  const bytes = fs.readFileSync(file);
  bytes[1000] ^= 0x40;
  fs.writeFileSync(file, bytes);
}

function quarantined(): string[] {
  return cluster.volumeDirs.flatMap((dir) => {
    const quarantine = path.join(dir, "quarantine");
    return fs.existsSync(quarantine) ? fs.readdirSync(quarantine).map((name) => name.slice(0, 64)) : [];
  });
}

const perNodeErrors = z.object({
  success: z.record(z.string(), z.array(z.object({ blockHash: z.string(), errorCount: z.number() }))),
});
async function blockErrorsOf(nodeId: string): Promise<string[]> {
  const answer = perNodeErrors.parse(await cluster.engine.admin("ListBlockErrors", undefined, { node: nodeId }));
  return (answer.success[nodeId] ?? []).map((error) => error.blockHash);
}

async function waitForScrubAfter(previous: string): Promise<void> {
  await eventually("the scrub to complete", async () => {
    const worker = await scrubWorker(cluster.engine);
    const last = worker.freeform.find((line) => line.startsWith("Last completed:")) ?? "";
    return last !== previous && worker.progress === null ? true : undefined;
  });
}

async function lastScrub(): Promise<string> {
  return (await scrubWorker(cluster.engine)).freeform.find((line) => line.startsWith("Last completed:")) ?? "";
}

describe("a flipped byte in one copy of a block", () => {
  const objects: StoredObject[] = [];

  it(
    "is read around by GET, which returns the right bytes and quarantines the copy it met",
    async () => {
      for (const { key, body } of samePartitionBodies(3)) objects.push(await putObject(cluster, key, body));
      // Each block is bad on a different volume: whichever volume reads try first, exactly one bad copy is met.
      objects.forEach((object, index) => flipByte(cluster.volumeDirs[index], object.blocks[0]));
      for (const object of objects) expect(sha256Hex(await readObject(cluster, object.key))).toBe(object.sha256);
      expect(quarantined()).toHaveLength(1);
      const met = quarantined()[0];
      expect(objects.map((object) => object.blocks[0])).toContain(met);
      await eventually("the copy met by GET to be repaired", async () =>
        goodCopies(cluster.volumeDirs, [met]).get(met) === 3 ? true : undefined,
      );
    },
    stepTimeoutMs,
  );

  it(
    "is found by the scheduled scrub when no read met it, and repaired from a good copy",
    async () => {
      const before = await lastScrub();
      await setWorkerVariable(cluster.engine, "scrub-tranquility", "0");
      // The scrub runs on its schedule: bringing the next run to now starts it, no repair launched.
      await setWorkerVariable(cluster.engine, "scrub-next-run", new Date().toISOString());
      await waitForScrubAfter(before);
      expect(new Set(quarantined())).toEqual(new Set(objects.map((object) => object.blocks[0])));
      const blocks = objects.map((object) => object.blocks[0]);
      await eventually("every copy to be good again", async () =>
        [...goodCopies(cluster.volumeDirs, blocks).values()].every((count) => count === 3) ? true : undefined,
      );
      const variables = z
        .object({ success: z.record(z.string(), z.record(z.string(), z.string())) })
        .parse(await cluster.engine.admin("GetWorkerVariable", {}, { node: "self" }));
      expect(Object.values(variables.success)[0]["scrub-corruptions_detected"]).toBe("2");
      for (const nodeId of nodeIds) expect(await blockErrorsOf(nodeId)).toEqual([]);
    },
    stepTimeoutMs,
  );

  it(
    "is listed by ListBlockErrors for its volume until a retry repairs it",
    async () => {
      const object = await putObject(cluster, "lonely", bodyOf("lonely", objectBytes));
      const hash = object.blocks[0];
      flipByte(cluster.volumeDirs[0], hash);
      for (const index of [1, 2]) fs.renameSync(cluster.volumeDirs[index], `${cluster.volumeDirs[index]}.away`);
      await eventually("two volumes to be down", async () =>
        (await clusterHealth(cluster.engine)).storageNodesUp === 1 ? true : undefined,
      );
      const before = await lastScrub();
      await cluster.engine.admin("LaunchRepairOperation", { repairType: { scrub: "start" } }, { node: "self" });
      await waitForScrubAfter(before);
      // Its only reachable copy was bad: quarantined, and nothing good left to copy from.
      expect(blockFilesOf(cluster.volumeDirs[0]).has(hash)).toBe(false);
      expect(await blockErrorsOf(nodeIds[0])).toEqual([hash]);
      const statistics = z
        .object({
          success: z.record(z.string(), z.object({ blockManagerStats: z.object({ resyncErrors: z.number() }) })),
        })
        .parse(await cluster.engine.admin("GetNodeStatistics", undefined, { node: "*" }));
      expect(nodeIds.map((id) => statistics.success[id]?.blockManagerStats.resyncErrors)).toEqual([1, 0, 0]);
      for (const index of [1, 2]) fs.renameSync(`${cluster.volumeDirs[index]}.away`, cluster.volumeDirs[index]);
      await eventually("every volume to be up", async () =>
        (await clusterHealth(cluster.engine)).status === "healthy" ? true : undefined,
      );
      expect(await blockErrorsOf(nodeIds[0])).toEqual([hash]);
      await cluster.engine.admin("RetryBlockResync", { blockHashes: [hash] }, { node: nodeIds[0] });
      expect(await blockErrorsOf(nodeIds[0])).toEqual([]);
      expect(goodCopies(cluster.volumeDirs, [hash]).get(hash)).toBe(3);
      expect(sha256Hex(await readObject(cluster, object.key))).toBe(object.sha256);
    },
    stepTimeoutMs,
  );
});
