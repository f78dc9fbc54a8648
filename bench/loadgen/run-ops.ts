import crypto from "node:crypto";
import { encodeKey, type S3LeanClient, type S3Reply } from "./client";
import { cpuMsSince, Recorder, withUniqueBody } from "./bodies";
import {
  type BucketJob,
  type CopyJob,
  type DeleteJob,
  keyName,
  type ListJob,
  type ListResult,
  type LoadResult,
  type MultipartJob,
} from "./jobs";

/** The operations with XML bodies: bucket creation, multipart upload, listing, DeleteObjects. */

const xmlEntities: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'" };

function xmlUnescape(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (entity) => xmlEntities[entity]);
}

function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function firstTag(xml: string, tag: string): string | null {
  const match = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  return match ? xmlUnescape(match[1]) : null;
}

function countTag(xml: string, tag: string): number {
  return xml.split(`<${tag}>`).length - 1;
}

function describe(reply: S3Reply, what: string): string {
  const code = reply.body ? firstTag(reply.body.toString("utf8"), "Code") : null;
  return `${what}: HTTP ${reply.status}${code ? ` ${code}` : ""}`;
}

export async function runBucket(client: S3LeanClient, job: BucketJob): Promise<LoadResult> {
  const recorder = new Recorder();
  const startedMs = performance.now();
  const reply = await client.call({ method: "PUT", bucket: job.bucket, keepBody: true });
  const body = reply.body?.toString("utf8") ?? "";
  // Re-running against a peer that keeps its buckets: owning it already is fine.
  if (reply.status === 200 || body.includes("BucketAlreadyOwnedByYou")) recorder.ok(startedMs, 0);
  else recorder.fail(describe(reply, "CreateBucket"));
  return recorder.result();
}

function copyHeaders(job: MultipartJob, index: number, sizeBytes: number): Record<string, string> {
  const firstByte = index * job.partBytes;
  return {
    "x-amz-copy-source": `/${job.bucket}/${encodeKey(job.copySourceKey ?? "")}`,
    "x-amz-copy-source-range": `bytes=${firstByte}-${firstByte + sizeBytes - 1}`,
  };
}

/** CopyObject; bytes counts the object's size, so the caller reports MiB/s. */
export async function runCopy(client: S3LeanClient, job: CopyJob): Promise<LoadResult> {
  const recorder = new Recorder();
  const startedMs = performance.now();
  const reply = await client.call({
    method: "PUT",
    bucket: job.bucket,
    key: job.key,
    headers: { "x-amz-copy-source": `/${job.bucket}/${encodeKey(job.sourceKey)}` },
    keepBody: true,
  });
  // S3 may answer 200 and still carry an <Error> when a copy fails late.
  if (reply.status !== 200 || reply.body?.includes("<Error>")) recorder.fail(describe(reply, "CopyObject"));
  else recorder.ok(startedMs, job.sizeBytes);
  return recorder.result();
}

export async function runMultipart(client: S3LeanClient, job: MultipartJob): Promise<LoadResult> {
  const recorder = new Recorder();
  const created = await client.call({
    method: "POST",
    bucket: job.bucket,
    key: job.key,
    query: { uploads: "" },
    keepBody: true,
  });
  const uploadId = created.status === 200 && created.body ? firstTag(created.body.toString("utf8"), "UploadId") : null;
  if (!uploadId) {
    recorder.fail(describe(created, "CreateMultipartUpload"));
    return recorder.result();
  }
  const partCount = Math.ceil(job.totalBytes / job.partBytes);
  const etags: string[] = new Array<string>(partCount);
  let nextPart = 0;
  const uploadLoop = async () => {
    while (nextPart < partCount && recorder.errors === 0) {
      const index = nextPart++;
      const sizeBytes = Math.min(job.partBytes, job.totalBytes - index * job.partBytes);
      const startedMs = performance.now();
      const part = { method: "PUT", bucket: job.bucket, key: job.key, keepBody: true } as const;
      const query = { partNumber: String(index + 1), uploadId };
      const reply =
        job.copySourceKey === undefined
          ? await withUniqueBody(sizeBytes, (body) => client.call({ ...part, query, body }))
          : await client.call({ ...part, query, headers: copyHeaders(job, index, sizeBytes) });
      const etag =
        job.copySourceKey === undefined ? reply.headers.etag : firstTag(reply.body?.toString() ?? "", "ETag");
      if (reply.status !== 200 || typeof etag !== "string") recorder.fail(describe(reply, `UploadPart ${index + 1}`));
      else {
        etags[index] = etag;
        recorder.ok(startedMs, sizeBytes);
      }
    }
  };
  await Promise.all(Array.from({ length: job.inFlight }, uploadLoop));
  if (recorder.errors > 0) return recorder.result();
  const parts = etags
    .map((etag, index) => `<Part><PartNumber>${index + 1}</PartNumber><ETag>${xmlEscape(etag)}</ETag></Part>`)
    .join("");
  const body = Buffer.from(`<CompleteMultipartUpload>${parts}</CompleteMultipartUpload>`);
  const startedMs = performance.now();
  const completed = await client.call({
    method: "POST",
    bucket: job.bucket,
    key: job.key,
    query: { uploadId },
    body,
    signBody: true,
    keepBody: true,
  });
  // S3 may answer 200 and still carry an <Error> when completion fails late.
  if (completed.status !== 200 || completed.body?.includes("<Error>"))
    recorder.fail(describe(completed, "CompleteMultipartUpload"));
  else recorder.ok(startedMs, 0);
  return recorder.result();
}

async function listOnce(client: S3LeanClient, job: ListJob, result: ListResult): Promise<void> {
  let token: string | null = null;
  let pages = 0;
  do {
    const query: Record<string, string> = { "list-type": "2", "max-keys": "1000", prefix: job.prefix };
    if (job.delimiter) query.delimiter = job.delimiter;
    if (token) query["continuation-token"] = token;
    const reply = await client.call({ method: "GET", bucket: job.bucket, query, keepBody: true });
    const xml = reply.body?.toString("utf8") ?? "";
    if (reply.status !== 200) {
      result.errors += 1;
      result.firstError ??= describe(reply, "ListObjectsV2");
      return;
    }
    pages += 1;
    result.keys += countTag(xml, "Contents");
    result.commonPrefixes += countTag(xml, "CommonPrefixes");
    token = xml.includes("<IsTruncated>true</IsTruncated>") ? firstTag(xml, "NextContinuationToken") : null;
  } while (token && (job.maxPages === 0 || pages < job.maxPages));
  result.pages += pages;
}

export async function runList(client: S3LeanClient, job: ListJob): Promise<ListResult> {
  const startedCpu = process.cpuUsage();
  const result: ListResult = {
    pages: 0,
    keys: 0,
    commonPrefixes: 0,
    elapsedMs: [],
    errors: 0,
    firstError: null,
    clientCpuMs: 0,
  };
  for (let round = 0; round < job.repeat; round++) {
    const startedMs = performance.now();
    await listOnce(client, job, result);
    result.elapsedMs.push(performance.now() - startedMs);
  }
  result.clientCpuMs = cpuMsSince(startedCpu);
  return result;
}

export async function runDelete(client: S3LeanClient, job: DeleteJob): Promise<LoadResult> {
  const recorder = new Recorder();
  for (let first = 0; first < job.count; first += job.batchSize) {
    const keys = Array.from({ length: Math.min(job.batchSize, job.count - first) }, (_, offset) =>
      keyName(job.keyPattern, first + offset),
    );
    const objects = keys.map((key) => `<Object><Key>${xmlEscape(key)}</Key></Object>`).join("");
    const body = Buffer.from(`<Delete><Quiet>true</Quiet>${objects}</Delete>`);
    const contentMd5 = crypto.createHash("md5").update(body).digest("base64");
    const startedMs = performance.now();
    const reply = await client.call({
      method: "POST",
      bucket: job.bucket,
      query: { delete: "" },
      body,
      signBody: true,
      headers: { "content-md5": contentMd5 },
      keepBody: true,
    });
    const xml = reply.body?.toString("utf8") ?? "";
    if (reply.status !== 200 || xml.includes("<Error>")) recorder.fail(describe(reply, "DeleteObjects"));
    else recorder.ok(startedMs, keys.length);
  }
  // bytes counts keys deleted here: the caller reports keys/s.
  return recorder.result();
}
