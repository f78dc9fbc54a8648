import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bodyOf,
  clusterHealth,
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

/**
 * Issue 13, second acceptance line: replication factor 2 over three volumes, so a
 * write needs both copies of its partition (Garage: rf + 1 - ceil(rf/2) = 2).
 * With one volume down, PUTs land where both copies can be written and fail with
 * 503 elsewhere; with two down, no partition has a quorum and every PUT of block
 * data fails with 503, never a success. Once the volumes return, nothing that
 * was acknowledged is missing.
 */

const stepTimeoutMs = 300_000;
const objectBytes = 100 * 1024;
const attempts = 60;

let cluster: VolumeCluster;
const acknowledged: StoredObject[] = [];

beforeAll(async () => {
  cluster = await startVolumeCluster({ zones: ["dc1", "dc2", "dc3"], replicationFactor: 2 });
});
afterAll(async () => {
  await cluster?.engine.cleanup();
});

interface Attempt {
  object: StoredObject | null;
  error: { name: string; status: number | undefined } | null;
}

async function attemptPuts(prefix: string, count: number, sizeBytes = objectBytes): Promise<Attempt[]> {
  return inParallel([...Array(count).keys()], 4, async (index) => {
    const key = `${prefix}/${index}`;
    try {
      return { object: await putObject(cluster, key, bodyOf(key, sizeBytes)), error: null };
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      return { object: null, error: { name: (error as Error).name, status } };
    }
  });
}

async function waitForHealth(status: "healthy" | "degraded" | "unavailable") {
  return eventually(`health to say ${status}`, async () => {
    const health = await clusterHealth(cluster.engine);
    return health.status === status ? health : undefined;
  });
}

function takeDown(index: number): void {
  fs.renameSync(cluster.volumeDirs[index], `${cluster.volumeDirs[index]}.away`);
}

function bringBack(index: number): void {
  fs.renameSync(`${cluster.volumeDirs[index]}.away`, cluster.volumeDirs[index]);
}

describe("write quorum with replication factor 2 over three volumes", () => {
  it(
    "stores objects while every volume is up",
    async () => {
      const attemptsUp = await attemptPuts("all-up", 30);
      expect(attemptsUp.filter((attempt) => attempt.error)).toEqual([]);
      acknowledged.push(...attemptsUp.flatMap((attempt) => attempt.object ?? []));
    },
    stepTimeoutMs,
  );

  it(
    "with one volume down, acknowledges only PUTs whose two copies were written and refuses the rest with 503",
    async () => {
      takeDown(0);
      const health = await waitForHealth("unavailable");
      expect(health.partitionsQuorum).toBeGreaterThan(0);
      expect(health.partitionsQuorum).toBeLessThan(256);
      expect((await fetch(new URL("/health", cluster.engine.adminUrl))).status).toBe(503);
      const results = await attemptPuts("one-down", attempts);
      const refused = results.filter((attempt) => attempt.error);
      const accepted = results.flatMap((attempt) => attempt.object ?? []);
      expect(refused.map((attempt) => attempt.error)).toEqual(
        refused.map(() => ({ name: "ServiceUnavailable", status: 503 })),
      );
      expect(accepted.length).toBeGreaterThan(0);
      expect(refused.length).toBeGreaterThan(0);
      // An acknowledged block lives on both up volumes: its write quorum of 2 could only be met there.
      const copies = goodCopies(
        cluster.volumeDirs.slice(1),
        accepted.flatMap((object) => object.blocks),
      );
      expect([...copies.values()].filter((count) => count !== 2)).toEqual([]);
      acknowledged.push(...accepted);
    },
    stepTimeoutMs,
  );

  it(
    "with two volumes down, refuses every PUT of block data with 503, never a success",
    async () => {
      takeDown(1);
      const health = await eventually("no partition to keep its write quorum", async () => {
        const current = await clusterHealth(cluster.engine);
        return current.storageNodesUp === 1 ? current : undefined;
      });
      expect(health).toMatchObject({ status: "unavailable", partitionsQuorum: 0 });
      const results = await attemptPuts("two-down", attempts);
      expect(results.filter((attempt) => attempt.object).map((attempt) => attempt.object?.key)).toEqual([]);
      expect(new Set(results.map((attempt) => JSON.stringify(attempt.error)))).toEqual(
        new Set([JSON.stringify({ name: "ServiceUnavailable", status: 503 })]),
      );
      // A multi-block object is refused too.
      const large = await attemptPuts("two-down-large", 2, 3 * 1024 * 1024 + 5);
      expect(large.map((attempt) => attempt.error?.status)).toEqual([503, 503]);
      // Small objects live in the metadata, not on the volumes: they need no volume quorum.
      const small = await attemptPuts("two-down-small", 3, 1000);
      expect(small.filter((attempt) => attempt.error)).toEqual([]);
      acknowledged.push(...small.flatMap((attempt) => attempt.object ?? []));
    },
    stepTimeoutMs,
  );

  it(
    "loses nothing acknowledged once the volumes return",
    async () => {
      bringBack(0);
      bringBack(1);
      await waitForHealth("healthy");
      const mismatches = await inParallel(acknowledged, 4, async (object) =>
        sha256Hex(await readObject(cluster, object.key)) === object.sha256 ? null : object.key,
      );
      expect(mismatches.filter((key) => key !== null)).toEqual([]);
      const copies = goodCopies(
        cluster.volumeDirs,
        acknowledged.flatMap((object) => object.blocks),
      );
      expect([...copies.values()].filter((count) => count < 2)).toEqual([]);
      expect(acknowledged.length).toBeGreaterThan(33);
    },
    stepTimeoutMs,
  );
});
