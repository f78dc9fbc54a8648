import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../crash/model";
import {
  bodyOf,
  clusterHealth,
  clusterNodes,
  eventually,
  goodCopies,
  inParallel,
  metricsText,
  metricValue,
  mib,
  putObject,
  readObject,
  sha256Hex,
  startVolumeCluster,
  type StoredObject,
  type VolumeCluster,
} from "./volume-cluster";

/**
 * Issue 13, first acceptance line: three volumes in three zones, replication
 * factor 3. One volume's directory is deleted under a running engine: every
 * object still reads back, health says degraded, writes go on (a write quorum of
 * 2 out of 3 holds). An empty directory put back in its place is adopted and
 * refilled by the resync alone; then every block has three good copies on disk.
 */

const objectCount = 500;
const extraPuts = 100;
const concurrency = 6;
/** Upper bounds for slow shared machines, not expectations: no test asserts a duration. */
const stepTimeoutMs = 300_000;

/** 0 B to 8 MiB, most objects small so the total stays near 60 MiB. */
function sizeFor(index: number, random: () => number): number {
  if (index === 0) return 0;
  if (index === 1) return 8 * mib;
  const roll = random();
  if (roll < 0.55) return Math.floor(random() * 16 * 1024);
  if (roll < 0.9) return 16 * 1024 + Math.floor(random() * 240 * 1024);
  if (roll < 0.98) return 256 * 1024 + Math.floor(random() * 1.75 * mib);
  return 2 * mib + Math.floor(random() * 6 * mib);
}

let cluster: VolumeCluster;
const stored: StoredObject[] = [];

beforeAll(async () => {
  cluster = await startVolumeCluster({ zones: ["dc1", "dc2", "dc3"], replicationFactor: 3 });
});
afterAll(async () => {
  await cluster?.engine.cleanup();
});

async function putBatch(prefix: string, count: number, seed: number): Promise<StoredObject[]> {
  const random = seededRandom(seed);
  const sizes = Array.from({ length: count }, (_, index) => sizeFor(index, random));
  return inParallel([...sizes.keys()], concurrency, (index) => {
    const key = `${prefix}/${String(index).padStart(3, "0")}-${sizes[index]}`;
    return putObject(cluster, key, bodyOf(key, sizes[index]));
  });
}

async function expectEveryObjectReadsBack(): Promise<void> {
  const mismatches = await inParallel(stored, concurrency, async (object) =>
    sha256Hex(await readObject(cluster, object.key)) === object.sha256 ? null : object.key,
  );
  expect(mismatches.filter((key) => key !== null)).toEqual([]);
}

function allBlocks(): Set<string> {
  return new Set(stored.flatMap((object) => object.blocks));
}

describe("a volume lost and replaced under a running engine (rf 3, three zones)", () => {
  it(
    "stores 500 objects of 0 B to 8 MiB with a copy on every volume",
    async () => {
      stored.push(...(await putBatch("first", objectCount, 1301)));
      const copies = goodCopies(cluster.volumeDirs, allBlocks());
      expect(copies.size).toBeGreaterThan(100);
      expect([...copies.values()].filter((count) => count !== 3)).toEqual([]);
      expect(await clusterHealth(cluster.engine)).toMatchObject({ status: "healthy" });
    },
    stepTimeoutMs,
  );

  it(
    "keeps serving every object, byte-exact, once a volume's directory is deleted",
    async () => {
      fs.rmSync(cluster.volumeDirs[1], { recursive: true, force: true });
      await expectEveryObjectReadsBack();
      const health = await eventually("health to say degraded", async () => {
        const current = await clusterHealth(cluster.engine);
        return current.status === "degraded" ? current : undefined;
      });
      expect(health).toMatchObject({ partitionsQuorum: 256, storageNodesUp: 2 });
      expect(health.partitionsAllOk).toBeLessThan(256);
      const lost = (await clusterNodes(cluster.engine)).find((node) => node.addr === cluster.volumeDirs[1]);
      expect(lost).toMatchObject({ isUp: false });
      expect(lost?.lastSeenSecsAgo).toEqual(expect.any(Number));
      const metrics = await metricsText(cluster.engine);
      expect(metricValue(metrics, "carport_volume_up", `path="${cluster.volumeDirs[1]}"`)).toBe(0);
      expect(metricValue(metrics, "carport_volume_up", `path="${cluster.volumeDirs[0]}"`)).toBe(1);
      expect(metricValue(metrics, "cluster_healthy")).toBe(0);
    },
    stepTimeoutMs,
  );

  it(
    "accepts 100 more PUTs while the volume is gone (a write quorum of 2 of 3 holds)",
    async () => {
      const extra = await putBatch("during-loss", extraPuts, 977);
      expect(extra).toHaveLength(extraPuts);
      stored.push(...extra);
      await expectEveryObjectReadsBack();
      expect(fs.existsSync(cluster.volumeDirs[1])).toBe(false);
    },
    stepTimeoutMs,
  );

  it(
    "refills an empty directory put in its place without any request, then reports healthy",
    async () => {
      fs.mkdirSync(cluster.volumeDirs[1]);
      const wanted = allBlocks();
      await eventually(
        "every block to have three good copies",
        async () => {
          const copies = goodCopies(cluster.volumeDirs, wanted);
          return [...copies.values()].every((count) => count === 3) ? copies : undefined;
        },
        1000,
      );
      expect(fs.existsSync(`${cluster.volumeDirs[1]}/volume-id`)).toBe(true);
      expect(await clusterHealth(cluster.engine)).toMatchObject({ status: "healthy", partitionsAllOk: 256 });
      const metrics = await metricsText(cluster.engine);
      expect(metricValue(metrics, "carport_volume_up", `path="${cluster.volumeDirs[1]}"`)).toBe(1);
      expect(metricValue(metrics, "carport_blocks_repaired_total")).toBe(wanted.size);
      await expectEveryObjectReadsBack();
    },
    stepTimeoutMs,
  );
});
