import { type ChildProcess, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  UploadPartCopyCommand,
} from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDebianTool } from "../../scripts/lib/system-deps";
import { type AccessKey, ChildEngine } from "../../server/testing/child-engine";
import { auditLog } from "./syscall-audit";

/**
 * Durable before acknowledged: the engine runs under `strace -f`, every write
 * operation is made one at a time, and the log is audited (syscall-audit.ts):
 * when each response's status line was written, had every file written for it
 * been fsynced, and every new name fsynced in its directory? Figure: operations
 * acknowledged before durable (0 of N).
 */

const stracePath = "/usr/bin/strace";
const traced = [
  "openat",
  "open",
  "close",
  "write",
  "pwrite64",
  "writev",
  "pwritev",
  "pwritev2",
  "ftruncate",
  "fallocate",
  "fsync",
  "fdatasync",
  "rename",
  "renameat",
  "renameat2",
  "unlink",
  "unlinkat",
  "rmdir",
  "mkdir",
  "mkdirat",
  "sendmsg",
  "sendto",
  "io_uring_setup",
];

let engine: ChildEngine;
let key: AccessKey;
let client: S3Client;
const mib = 1024 * 1024;

beforeAll(async () => {
  ensureDebianTool(stracePath, "strace");
  engine = await ChildEngine.start();
  key = await engine.createKey("durability", true);
  await engine.createBucketFor(key, "durable");
  client = new S3Client({
    endpoint: engine.s3Url,
    region: engine.region,
    forcePathStyle: true,
    credentials: key,
    maxAttempts: 1,
  });
});
afterAll(async () => {
  client?.destroy();
  await engine?.cleanup();
});

function filesUnder(root: string): string[] {
  const found: string[] = [root];
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(full));
    else found.push(full);
  }
  return found;
}

function openFilesOf(pid: number): Map<number, string> {
  const open = new Map<number, string>();
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    try {
      const target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      if (target.startsWith("/")) open.set(Number(fd), target);
    } catch {
      // Closed meanwhile.
    }
  }
  return open;
}

async function attachStrace(target: ChildEngine, pid: number, logFile: string): Promise<ChildProcess> {
  const tracer = spawn(
    stracePath,
    ["-f", "-qq", "-s", "40", "-e", `trace=${traced.join(",")}`, "-e", "signal=none", "-o", logFile, "-p", String(pid)],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let errors = "";
  tracer.stderr?.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  // Attached once a response shows up in the log.
  for (let attempt = 0; attempt < 200; attempt += 1) {
    await target.admin("GetClusterHealth");
    if (fs.existsSync(logFile) && fs.readFileSync(logFile, "utf8").includes('"HTTP/1.1 200')) return tracer;
    if (tracer.exitCode !== null) throw new Error(`strace exited: ${errors}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`strace never showed a response: ${errors}`);
}

async function detach(tracer: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => tracer.once("exit", resolve));
  tracer.kill("SIGINT");
  await exited;
}

/** The write operations audited, each one or a few requests; the admin ones through the admin API. */
function writeOperations(target: ChildEngine, s3: S3Client, bucket: string): Array<[string, () => Promise<unknown>]> {
  const operations: Array<[string, () => Promise<unknown>]> = [];
  const op = (label: string, run: () => Promise<unknown>) => operations.push([label, run]);
  // The same bytes twice: the second PUT finds its blocks stored (deduplication) and must still be durable.
  const repeated = Buffer.alloc(2 * mib, 0x73);
  const random = (sizeBytes: number) => crypto.randomBytes(sizeBytes);
  op("PutObject 0 B", () => s3.send(new PutObjectCommand({ Bucket: bucket, Key: "empty", Body: Buffer.alloc(0) })));
  op("PutObject 1 KiB (inline)", () =>
    s3.send(new PutObjectCommand({ Bucket: bucket, Key: "small", Body: random(1024) })),
  );
  op("PutObject 33 KiB (one block)", () =>
    s3.send(new PutObjectCommand({ Bucket: bucket, Key: "block", Body: random(33 * 1024) })),
  );
  op("PutObject 3 MiB + 17 (four blocks)", () =>
    s3.send(new PutObjectCommand({ Bucket: bucket, Key: "large", Body: random(3 * mib + 17) })),
  );
  op("PutObject overwrite 3 MiB", () =>
    s3.send(new PutObjectCommand({ Bucket: bucket, Key: "large", Body: random(3 * mib) })),
  );
  op("PutObject of blocks already stored", () =>
    s3.send(new PutObjectCommand({ Bucket: bucket, Key: "same", Body: repeated })),
  );
  op("PutObject again, same bytes", () =>
    s3.send(new PutObjectCommand({ Bucket: bucket, Key: "same-again", Body: repeated })),
  );
  op("CopyObject", () =>
    s3.send(new CopyObjectCommand({ Bucket: bucket, Key: "copy", CopySource: `${bucket}/block` })),
  );
  let uploadId = "";
  const etags: string[] = [];
  op("CreateMultipartUpload", async () => {
    uploadId = (await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: "multipart" }))).UploadId ?? "";
  });
  op("UploadPart 5 MiB", async () => {
    const part = await s3.send(
      new UploadPartCommand({
        Bucket: bucket,
        Key: "multipart",
        UploadId: uploadId,
        PartNumber: 1,
        Body: random(5 * mib),
      }),
    );
    etags.push(part.ETag ?? "");
  });
  op("UploadPartCopy", async () => {
    const part = await s3.send(
      new UploadPartCopyCommand({
        Bucket: bucket,
        Key: "multipart",
        UploadId: uploadId,
        PartNumber: 2,
        CopySource: `${bucket}/large`,
      }),
    );
    etags.push(part.CopyPartResult?.ETag ?? "");
  });
  op("CompleteMultipartUpload", () =>
    s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: "multipart",
        UploadId: uploadId,
        MultipartUpload: { Parts: etags.map((ETag, index) => ({ ETag, PartNumber: index + 1 })) },
      }),
    ),
  );
  op("AbortMultipartUpload", async () => {
    const upload = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: "aborted" }));
    await s3.send(
      new UploadPartCommand({
        Bucket: bucket,
        Key: "aborted",
        UploadId: upload.UploadId,
        PartNumber: 1,
        Body: random(mib),
      }),
    );
    await s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: "aborted", UploadId: upload.UploadId }));
  });
  op("DeleteObject", () => s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: "small" })));
  op("DeleteObjects", () =>
    s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: [{ Key: "block" }, { Key: "copy" }] } })),
  );
  op("CreateBucket (S3)", () => s3.send(new CreateBucketCommand({ Bucket: "durable-created" })));
  op("DeleteBucket (S3)", () => s3.send(new DeleteBucketCommand({ Bucket: "durable-created" })));
  let keyId = "";
  let bucketId = "";
  let tokenId = "";
  op(
    "admin CreateKey",
    async () =>
      (keyId = ((await target.admin("CreateKey", { name: "audited" })) as { accessKeyId: string }).accessKeyId),
  );
  op("admin UpdateKey", () =>
    target.admin("UpdateKey", { name: "renamed", allow: { createBucket: true } }, { id: keyId }),
  );
  op(
    "admin CreateBucket",
    async () => (bucketId = ((await target.admin("CreateBucket", { globalAlias: "audited" })) as { id: string }).id),
  );
  op("admin AllowBucketKey", () =>
    target.admin("AllowBucketKey", { bucketId, accessKeyId: keyId, permissions: { read: true, write: true } }),
  );
  op("admin UpdateBucket", () =>
    target.admin("UpdateBucket", { quotas: { maxSize: 10 * mib, maxObjects: 100 } }, { id: bucketId }),
  );
  op("admin AddBucketAlias", () => target.admin("AddBucketAlias", { bucketId, globalAlias: "audited-alias" }));
  op(
    "admin CreateAdminToken",
    async () =>
      (tokenId = ((await target.admin("CreateAdminToken", { name: "audited", scope: ["ListKeys"] })) as { id: string })
        .id),
  );
  op("admin DeleteAdminToken", () => target.admin("DeleteAdminToken", {}, { id: tokenId }));
  op("admin DenyBucketKey", () =>
    target.admin("DenyBucketKey", { bucketId, accessKeyId: keyId, permissions: { write: true } }),
  );
  op("admin DeleteKey", () => target.admin("DeleteKey", {}, { id: keyId }));
  op("admin RemoveBucketAlias", () => target.admin("RemoveBucketAlias", { bucketId, globalAlias: "audited-alias" }));
  op("admin DeleteBucket", () => target.admin("DeleteBucket", {}, { id: bucketId }));

  return operations;
}

interface Audit {
  operations: number;
  acknowledged: number;
  violations: string[];
  /** The operations whose acknowledgement found everything durable. */
  clean: string[];
  fsyncs: number;
}

/** Runs every write operation once against `target` under strace and audits the log. */
async function audit(target: ChildEngine, s3: S3Client, bucket: string): Promise<Audit> {
  const pid = target.pid;
  if (pid === undefined) throw new Error("the engine is not running");
  const logFile = path.join(target.rootDir, "strace.log");
  const existing = filesUnder(target.dataDir);
  const tracer = await attachStrace(target, pid, logFile);
  // Files opened before strace attached (the database and its WAL stay open): their fds from /proc.
  const openFds = openFilesOf(pid);
  expect(
    [...openFds.values()].some((file) => file.endsWith("-wal")),
    "the WAL is open",
  ).toBe(true);
  const countResponses = () => (fs.readFileSync(logFile, "utf8").match(/"HTTP\/1\.1 [2-5]\d\d /g) ?? []).length;
  const warmUpResponses = countResponses();
  const operations = writeOperations(target, s3, bucket);
  // Each operation is one or more requests; record which responses belong to which.
  const owners: string[] = [];
  for (const [label, run] of operations) {
    const before = countResponses();
    await run();
    // The log lags the syscalls by a little: wait for this operation's responses to be in it.
    let after = countResponses();
    for (let wait = 0; wait < 50 && after === before; wait += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      after = countResponses();
    }
    for (let index = before; index < after; index += 1) owners[index] = label;
  }
  await detach(tracer);
  const log = fs.readFileSync(logFile, "utf8");
  // libuv opens two kinds of io_uring: one for file operations (SQPOLL), which would hide them
  // from strace, and one that only batches epoll_ctl calls (no SQPOLL), which Node 24 opens for
  // every event loop, the hashing and checking threads' too. Only the first defeats this audit.
  expect(log, "libuv moved file I/O to io_uring, which strace cannot see: audit with UV_USE_IO_URING=0").not.toMatch(
    /io_uring_setup\([^)]*IORING_SETUP_SQPOLL/,
  );
  const acks = auditLog(log, { root: target.dataDir, existing, cwd: target.rootDir, openFds }).slice(warmUpResponses);
  const audited = acks.filter((ack) => owners[ack.index - 1] !== undefined && ack.status < 300);
  return {
    operations: operations.length,
    acknowledged: audited.length,
    clean: audited.filter((ack) => ack.notDurable.length === 0).map((ack) => owners[ack.index - 1]),
    violations: audited
      .filter((ack) => ack.notDurable.length > 0)
      .map((ack) => `${owners[ack.index - 1]}: ${ack.notDurable.join(", ")}`),
    fsyncs: (log.match(/ f(data)?sync\(/g) ?? []).length,
  };
}

describe("durable before acknowledged", () => {
  it(
    "every write is fsynced, with its directory and the database, before its status line",
    { timeout: 300_000 },
    async () => {
      const result = await audit(engine, client, "durable");
      console.log(
        `durability audit: ${result.violations.length} of ${result.acknowledged} acknowledgements (${result.operations} write operations) before durable; ${result.fsyncs} fsyncs traced`,
      );
      for (const violation of result.violations) console.log(`  ${violation}`);
      expect(result.acknowledged).toBeGreaterThanOrEqual(result.operations);
      expect(result.violations).toEqual([]);
    },
  );

  it("the audit catches an engine that does not fsync (the control)", { timeout: 300_000 }, async () => {
    const unsafe = await ChildEngine.start({ env: { CARPORT_CONFIG: configWithoutFsync() } });
    const unsafeClient = new S3Client({
      endpoint: unsafe.s3Url,
      region: unsafe.region,
      forcePathStyle: true,
      credentials: await unsafe.createKey("unsafe", true),
      maxAttempts: 1,
    });
    try {
      await unsafeClient.send(new CreateBucketCommand({ Bucket: "unsafe" }));
      const result = await audit(unsafe, unsafeClient, "unsafe");
      console.log(
        `durability audit (control, fsync off): ${result.violations.length} of ${result.acknowledged} acknowledgements before durable`,
      );
      if (result.clean.length > 0) console.log(`  durable anyway: ${result.clean.join(", ")}`);
      // Every write commits to the database: with fsync off, every one is caught.
      expect(result.violations.length).toBe(result.acknowledged);
    } finally {
      unsafeClient.destroy();
      await unsafe.cleanup();
    }
  });
});

function configWithoutFsync(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "carport-nofsync-")), "carport.toml");
  fs.writeFileSync(file, "metadata_fsync = false\ndata_fsync = false\n");
  return file;
}
