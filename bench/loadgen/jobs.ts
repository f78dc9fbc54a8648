import type { TargetSpec } from "./client";

/**
 * What the orchestrator asks of the load-generator process, and what comes back.
 * Plain data: it crosses a process boundary as JSON.
 */

export interface LoadJob {
  kind: "load";
  target: TargetSpec;
  method: "PUT" | "GET";
  bucket: string;
  keyPrefix: string;
  sizeBytes: number;
  concurrency: number;
  /** Stop after this long, or after maxOps, whichever comes first. */
  durationMs: number;
  maxOps: number;
  /** GET: the keys keyPrefix0..keyCount-1 exist (written by a fill job). */
  keyCount: number;
}

export interface FillJob {
  kind: "fill";
  target: TargetSpec;
  bucket: string;
  /** Keys are produced by keyName(keyPattern, index). */
  keyPattern: KeyPattern;
  count: number;
  sizeBytes: number;
  concurrency: number;
}

/** flat: prefix + index; tree: 100 folders of 10 sub-folders; wide: one folder per 10 keys. */
export type KeyPattern = { style: "flat" | "tree" | "wide"; prefix: string };

export const keysPerWideFolder = 10;

export interface MultipartJob {
  kind: "multipart";
  target: TargetSpec;
  bucket: string;
  key: string;
  totalBytes: number;
  partBytes: number;
  inFlight: number;
  /** UploadPartCopy: each part copies its range of this object (same bucket) instead of sending a body. */
  copySourceKey?: string;
}

/** CopyObject of a whole object within one bucket. */
export interface CopyJob {
  kind: "copy";
  target: TargetSpec;
  bucket: string;
  sourceKey: string;
  key: string;
  sizeBytes: number;
}

export interface ListJob {
  kind: "list";
  target: TargetSpec;
  bucket: string;
  prefix: string;
  delimiter: string;
  /** 0: follow continuation tokens to the end. */
  maxPages: number;
  repeat: number;
}

export interface DeleteJob {
  kind: "delete";
  target: TargetSpec;
  bucket: string;
  keyPattern: KeyPattern;
  count: number;
  batchSize: number;
}

export interface MixedJob {
  kind: "mixed";
  target: TargetSpec;
  bucket: string;
  keyPrefix: string;
  sizeBytes: number;
  concurrency: number;
  durationMs: number;
  /** Keys each worker writes before the clock starts, so GETs have something to read. */
  keysPerWorker: number;
}

export interface BucketJob {
  kind: "bucket";
  target: TargetSpec;
  bucket: string;
}

export type Job = LoadJob | FillJob | MultipartJob | CopyJob | ListJob | DeleteJob | MixedJob | BucketJob;

export interface LoadResult {
  ops: number;
  errors: number;
  bytes: number;
  elapsedMs: number;
  p50Ms: number;
  p99Ms: number;
  firstError: string | null;
  /** CPU the generator process spent on this job: with elapsedMs, proof that the client was not the limit. */
  clientCpuMs: number;
}

export interface ListResult {
  pages: number;
  keys: number;
  commonPrefixes: number;
  /** Per repetition, in milliseconds. */
  elapsedMs: number[];
  errors: number;
  firstError: string | null;
  clientCpuMs: number;
}

export interface MixedResult extends LoadResult {
  opsByMethod: Record<"GET" | "PUT" | "DELETE", number>;
}

export interface JobResults {
  load: LoadResult;
  fill: LoadResult;
  multipart: LoadResult;
  copy: LoadResult;
  list: ListResult;
  delete: LoadResult;
  mixed: MixedResult;
  bucket: LoadResult;
}

export type ResultOf<J extends Job> = JobResults[J["kind"]];

export function keyName(pattern: KeyPattern, index: number): string {
  if (pattern.style === "flat") return `${pattern.prefix}${index}`;
  if (pattern.style === "wide")
    return `${pattern.prefix}w${String(Math.floor(index / keysPerWideFolder)).padStart(6, "0")}/o${index % keysPerWideFolder}`;
  // 100 top folders x 10 sub-folders: a prefix + delimiter page has real common prefixes.
  const top = String(Math.floor(index / 1000) % 100).padStart(3, "0");
  const sub = Math.floor(index / 100) % 10;
  return `${pattern.prefix}d${top}/s${sub}/o${String(index).padStart(6, "0")}`;
}
