import { type ChildProcess, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDebianTool } from "../../scripts/lib/system-deps";
import { type AccessKey, ChildEngine } from "../../server/testing/child-engine";

/**
 * Injected I/O errors (`strace -e inject=...:error=EIO`) on the engine's fsyncs,
 * its metadata writes and its block reads: each gives an error, never a success
 * or wrong bytes; what was acknowledged before stays readable, nothing half-done
 * appears, and service returns once the fault is gone (also across a restart).
 * Figure: wrong successes (0 of N).
 *
 * Block *writes* are not injected: their temporary files have random names, and
 * strace cannot aim a write() error at them without also failing the engine's
 * socket and eventfd writes. The same error path (a failed write() on the temp
 * file) is driven by ENOSPC in full-disk.test.ts.
 */

const stracePath = "/usr/bin/strace";
const mib = 1024 * 1024;
const bucket = "faults";
let engine: ChildEngine;
let key: AccessKey;
let client: S3Client;
/** SHA-256 of every object the client was told is stored, and keys whose outcome is unknown (the write failed). */
const acknowledged = new Map<string, string>();
const unknown = new Map<string, string>();
const figures = { attempts: 0, wrongSuccesses: 0, wrongBytes: 0 };

const sha256 = (data: Buffer) => crypto.createHash("sha256").update(data).digest("hex");

beforeAll(async () => {
  ensureDebianTool(stracePath, "strace");
  engine = await ChildEngine.start();
  key = await engine.createKey("faults", true);
  await engine.createBucketFor(key, bucket);
  client = newClient();
  for (const [name, sizeBytes] of [
    ["before-large", 3 * mib + 17],
    ["before-small", 1000],
  ] as const) {
    const body = crypto.randomBytes(sizeBytes);
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: name, Body: body }));
    acknowledged.set(name, sha256(body));
  }
});
afterAll(async () => {
  client?.destroy();
  await engine?.cleanup();
});

function newClient(): S3Client {
  return new S3Client({
    endpoint: engine.s3Url,
    region: engine.region,
    forcePathStyle: true,
    credentials: key,
    maxAttempts: 1,
    requestHandler: { requestTimeout: 30_000 },
  });
}

async function inject(args: string[]): Promise<{ tracer: ChildProcess; log: string }> {
  const log = path.join(engine.rootDir, `inject-${Date.now()}.log`);
  const tracer = spawn(stracePath, ["-f", "-qq", "-o", log, ...args, "-p", String(engine.pid)], { stdio: "ignore" });
  // Attached once the log exists and an admin call has been traced through (or a moment has passed).
  for (let attempt = 0; attempt < 50 && !fs.existsSync(log); attempt += 1)
    await new Promise((resolve) => setTimeout(resolve, 50));
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { tracer, log };
}

async function release(tracer: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => tracer.once("exit", resolve));
  tracer.kill("SIGINT");
  await exited;
}

/** A write that must fail while the fault is on: a 2xx is a wrong success. */
async function mustFail(label: string, run: () => Promise<unknown>): Promise<string | null> {
  figures.attempts += 1;
  try {
    await run();
    figures.wrongSuccesses += 1;
    return `${label}: succeeded during the fault`;
  } catch {
    return null;
  }
}

async function read(name: string): Promise<Buffer | null> {
  try {
    const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: name }));
    return Buffer.from((await response.Body?.transformToByteArray()) ?? new Uint8Array());
  } catch (error) {
    if (error instanceof Error && error.name === "NoSuchKey") return null;
    throw error;
  }
}

/** Everything acknowledged reads back exactly; writes that failed left nothing or the whole object. */
async function checkData(): Promise<void> {
  for (const [name, expected] of acknowledged) {
    const bytes = await read(name);
    if (bytes === null || sha256(bytes) !== expected) figures.wrongBytes += 1;
  }
  for (const [name, attempted] of unknown) {
    const bytes = await read(name);
    if (bytes !== null && sha256(bytes) !== attempted) figures.wrongBytes += 1;
  }
}

/** Service returns: a write succeeds within a bounded wait (a volume marked down comes back after its probe). */
async function serviceReturns(label: string): Promise<void> {
  const body = crypto.randomBytes(2 * mib);
  let lastError: unknown = null;
  for (let attempt = 0; attempt < 60; attempt += 1) {
    try {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: `after-${label}`, Body: body }));
      acknowledged.set(`after-${label}`, sha256(body));
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  throw new Error(`no service after ${label}: ${String(lastError)}`);
}

describe("injected I/O errors", () => {
  it(
    "fsync and fdatasync failing: every write is refused, nothing acknowledged is lost",
    { timeout: 120_000 },
    async () => {
      const { tracer, log } = await inject(["-e", "trace=fsync,fdatasync", "-e", "inject=fsync,fdatasync:error=EIO"]);
      const problems: string[] = [];
      const large = crypto.randomBytes(3 * mib);
      const small = crypto.randomBytes(900);
      unknown.set("fsync-large", sha256(large));
      unknown.set("fsync-small", sha256(small));
      for (const [label, run] of [
        ["PUT of blocks", () => client.send(new PutObjectCommand({ Bucket: bucket, Key: "fsync-large", Body: large }))],
        ["PUT inline", () => client.send(new PutObjectCommand({ Bucket: bucket, Key: "fsync-small", Body: small }))],
        ["DELETE", () => client.send(new DeleteObjectCommand({ Bucket: bucket, Key: "before-small" }))],
        ["admin CreateKey", () => engine.admin("CreateKey", { name: "during-fault" })],
      ] as const) {
        const problem = await mustFail(label, run);
        if (problem) problems.push(problem);
      }
      await release(tracer);
      expect(fs.readFileSync(log, "utf8")).toMatch(/EIO \(Input\/output error\) \(INJECTED\)/);
      // The DELETE failed: its outcome is unknown, but if before-small is there it is whole.
      unknown.set("before-small", acknowledged.get("before-small") ?? "");
      acknowledged.delete("before-small");
      await serviceReturns("fsync");
      await checkData();
      expect(problems).toEqual([]);
    },
  );

  it("metadata writes failing: every write is refused, then service returns", { timeout: 120_000 }, async () => {
    const metaFiles = fs
      .readdirSync(path.join(engine.dataDir, "meta"))
      .filter((name) => /\.db(-wal)?$/.test(name))
      .map((name) => path.join(engine.dataDir, "meta", name));
    expect(metaFiles.length).toBeGreaterThan(0);
    const paths = metaFiles.flatMap((file) => ["-P", file]);
    const { tracer, log } = await inject([
      ...paths,
      "-e",
      "trace=pwrite64,write,writev",
      "-e",
      "inject=pwrite64,write,writev:error=EIO",
    ]);
    const problems: string[] = [];
    const small = crypto.randomBytes(700);
    unknown.set("meta-small", sha256(small));
    for (const [label, run] of [
      ["PUT inline", () => client.send(new PutObjectCommand({ Bucket: bucket, Key: "meta-small", Body: small }))],
      ["DELETE", () => client.send(new DeleteObjectCommand({ Bucket: bucket, Key: "before-large" }))],
      ["admin CreateBucket", () => engine.admin("CreateBucket", { globalAlias: "during-fault" })],
    ] as const) {
      const problem = await mustFail(label, run);
      if (problem) problems.push(problem);
    }
    await release(tracer);
    expect(fs.readFileSync(log, "utf8")).toMatch(/INJECTED/);
    unknown.set("before-large", acknowledged.get("before-large") ?? "");
    acknowledged.delete("before-large");
    await serviceReturns("metadata");
    await checkData();
    expect(problems).toEqual([]);
  });

  it(
    "block reads failing: a GET errs or is cut, never whole with wrong bytes, then reads again",
    { timeout: 120_000 },
    async () => {
      const body = crypto.randomBytes(3 * mib + 5);
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: "readable", Body: body }));
      acknowledged.set("readable", sha256(body));
      const secondBlock = sha256(body.subarray(mib, 2 * mib));
      const blockFile = path.join(engine.blocksDir, secondBlock.slice(0, 2), secondBlock);
      expect(fs.existsSync(blockFile)).toBe(true);
      const { tracer, log } = await inject([
        "-P",
        blockFile,
        "-e",
        "trace=read,pread64,preadv",
        "-e",
        "inject=read,pread64,preadv:error=EIO",
      ]);
      for (let attempt = 0; attempt < 3; attempt += 1) {
        figures.attempts += 1;
        const bytes = await read("readable").catch(() => null);
        // A whole body during the fault could only be served from somewhere it should not be; wrong bytes never.
        if (bytes !== null && (bytes.length === body.length || !body.subarray(0, bytes.length).equals(bytes)))
          figures.wrongSuccesses += 1;
      }
      await release(tracer);
      expect(fs.readFileSync(log, "utf8")).toMatch(/INJECTED/);
      // Reads return (the volume, marked down on EIO, is brought back by its probe).
      let restored: Buffer | null = null;
      for (let attempt = 0; attempt < 60 && restored === null; attempt += 1) {
        restored = await read("readable").catch(() => null);
        if (restored === null) await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(restored?.equals(body)).toBe(true);
    },
  );

  it(
    "after a restart, everything acknowledged is there and nothing half-done appeared",
    { timeout: 120_000 },
    async () => {
      await engine.restart();
      client.destroy();
      client = newClient();
      await checkData();
      console.log(
        `injected EIO: ${figures.wrongSuccesses} wrong successes of ${figures.attempts} operations during faults; ${figures.wrongBytes} wrong bytes served after (${acknowledged.size} acknowledged, ${unknown.size} of unknown outcome checked)`,
      );
      expect(figures.wrongSuccesses).toBe(0);
      expect(figures.wrongBytes).toBe(0);
    },
  );
});
