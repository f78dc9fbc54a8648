import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AccessKey, ChildEngine } from "../../server/testing/child-engine";
import { jepsenMs } from "../profile";
import {
  registerViolations,
  setViolations,
  type TimedAdd,
  type TimedList,
  type TimedRead,
  type TimedWrite,
} from "./checkers";

/**
 * Garage's Jepsen checks, here: clients write and read a few registers (keys) and
 * add to a set (keys under a prefix) and list it, while the engine is killed
 * (kill -9) and restarted every few seconds; the history (client-side monotonic
 * times, unacknowledged operations kept as unknown) is then checked
 * (checkers.ts). Figures: register and set violations (0), with the counts checked.
 */

const bucket = "jepsen";
const registers = ["reg/0", "reg/1", "reg/2"];
const durationMs = jepsenMs();
const killEveryMs = 3_000;

let engine: ChildEngine;
let key: AccessKey;
let client: S3Client;

function connect(): S3Client {
  return new S3Client({
    endpoint: engine.s3Url,
    region: engine.region,
    forcePathStyle: true,
    credentials: key,
    maxAttempts: 1,
    requestHandler: { requestTimeout: 10_000, connectionTimeout: 2_000 },
  });
}

beforeAll(async () => {
  engine = await ChildEngine.start();
  key = await engine.createKey("jepsen", false);
  await engine.createBucketFor(key, bucket);
  client = connect();
});
afterAll(async () => {
  client?.destroy();
  await engine?.cleanup();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("register and set checks under kill -9 and restart", () => {
  it(
    "no read sees a value it may not, no listing misses an acknowledged add",
    { timeout: 120_000 + durationMs * 2 },
    async () => {
      const writes: TimedWrite[] = [];
      const reads: TimedRead[] = [];
      const adds: TimedAdd[] = [];
      const lists: TimedList[] = [];
      let kills = 0;
      let failed = 0;
      let counter = 0;
      const deadline = performance.now() + durationMs;
      const running = () => performance.now() < deadline;

      const writer = async () => {
        while (running()) {
          const write: TimedWrite = {
            key: registers[counter % registers.length],
            value: `v${(counter += 1)}`,
            startMs: performance.now(),
            endMs: null,
          };
          writes.push(write);
          try {
            await client.send(new PutObjectCommand({ Bucket: bucket, Key: write.key, Body: write.value }));
            write.endMs = performance.now();
          } catch {
            failed += 1;
            await pause(50);
          }
        }
      };
      const reader = async () => {
        while (running()) {
          const target = registers[Math.floor(Math.random() * registers.length)];
          const startMs = performance.now();
          try {
            const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: target }));
            const value = (await response.Body?.transformToString()) ?? "";
            reads.push({ key: target, value, startMs, endMs: performance.now() });
          } catch (error) {
            if (error instanceof S3ServiceException && error.name === "NoSuchKey")
              reads.push({ key: target, value: null, startMs, endMs: performance.now() });
            else {
              failed += 1;
              await pause(50);
            }
          }
        }
      };
      const adder = async () => {
        while (running()) {
          const add: TimedAdd = {
            element: `set/${String((counter += 1)).padStart(6, "0")}`,
            startMs: performance.now(),
            endMs: null,
          };
          adds.push(add);
          try {
            await client.send(new PutObjectCommand({ Bucket: bucket, Key: add.element, Body: "x" }));
            add.endMs = performance.now();
          } catch {
            failed += 1;
            await pause(50);
          }
        }
      };
      const lister = async () => {
        while (running()) {
          const startMs = performance.now();
          try {
            const elements = new Set<string>();
            let token: string | undefined;
            do {
              const page = await client.send(
                new ListObjectsV2Command({ Bucket: bucket, Prefix: "set/", ContinuationToken: token, MaxKeys: 200 }),
              );
              for (const entry of page.Contents ?? []) elements.add(entry.Key ?? "");
              token = page.IsTruncated ? page.NextContinuationToken : undefined;
            } while (token);
            lists.push({ elements, startMs, endMs: performance.now() });
          } catch {
            failed += 1;
            await pause(50);
          }
        }
      };
      const killer = async () => {
        while (performance.now() + killEveryMs < deadline) {
          await pause(killEveryMs);
          await engine.kill("SIGKILL");
          kills += 1;
          await engine.restart();
          const previous = client;
          client = connect();
          previous.destroy();
        }
      };
      await Promise.all([
        writer(),
        writer(),
        writer(),
        reader(),
        reader(),
        reader(),
        adder(),
        adder(),
        lister(),
        killer(),
      ]);

      const registerProblems = registerViolations(writes, reads);
      const setProblems = setViolations(adds, lists);
      console.log(
        `jepsen checks: ${kills} kills; register: ${registerProblems.length} violations in ${reads.length} reads of ${writes.length} writes; ` +
          `set: ${setProblems.length} violations in ${lists.length} listings of ${adds.length} adds; ${failed} requests failed during restarts`,
      );
      for (const problem of [...registerProblems, ...setProblems].slice(0, 10)) console.log(`  ${problem}`);
      expect(kills).toBeGreaterThan(0);
      expect(reads.length).toBeGreaterThan(0);
      expect(lists.length).toBeGreaterThan(0);
      expect(registerProblems).toEqual([]);
      expect(setProblems).toEqual([]);
    },
  );
});
