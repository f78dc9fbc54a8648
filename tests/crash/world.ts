import crypto from "node:crypto";
import { S3Client } from "@aws-sdk/client-s3";
import type { AccessKey, ChildEngine } from "../../server/testing/child-engine";
import { limits } from "../../server/util/limits";
import { KeyHistory, type State } from "./model";
import { seededBytes } from "./seeded-bytes";
import { UploadModel } from "./upload-model";
import type { VersionedKeyHistory } from "./versioned-model";
import { newVersionedWorld } from "./versioned";

/**
 * The crash test's world: every entity the workload writes (objects small and
 * large, multipart uploads, buckets, access keys, one key's permission on one
 * bucket), each with the history of what the client was told about it.
 */

export const mib = 1024 * 1024;
export const objectBucket = "crash";
export const permissionBucket = "crash-perm";
const { inlineThresholdBytes } = limits;
/** Small objects: sizes around every boundary (inline, block), and some random ones. */
export const smallSizesBytes = [
  0,
  1,
  100,
  inlineThresholdBytes,
  inlineThresholdBytes + 1,
  4096,
  33 * 1024,
  256 * 1024,
  mib - 1,
  mib,
  mib + 1,
  2 * mib + 17,
  3 * mib,
];
export const smallKeys = Array.from(
  { length: 40 },
  (_, index) => `obj/${String(index).padStart(3, "0")}${index % 7 === 0 ? " é+&=" : ""}`,
);
export const largeKeys = Array.from({ length: 5 }, (_, index) => `large/${index}`);
export const uploadKeys = Array.from({ length: 4 }, (_, index) => `mp/${index}`);
export const bucketNames = Array.from({ length: 6 }, (_, index) => `crash-b${index}`);
export const importedKeys = Array.from({ length: 5 }, (_, index) => `GKcrash${String(index).padStart(19, "0")}`);
export const secretOf = (accessKeyId: string) => crypto.createHash("sha256").update(accessKeyId).digest("hex");
/** Odd-numbered buckets are made and removed through the admin API, even ones through S3. */
export const viaAdmin = (bucketName: string) => bucketNames.indexOf(bucketName) % 2 === 1;

export const exists: State = { kind: "body", sha256: "exists" };

export interface PartSpec {
  label: string;
  sizeBytes: number;
}

export const partBytes = (spec: PartSpec) => seededBytes(spec.label, spec.sizeBytes);

export interface World {
  objects: Map<string, KeyHistory>;
  uploads: Map<string, UploadModel>;
  /** Each upload's planned part sizes (single part, or 5 MiB and a last part). */
  plans: Map<string, number[]>;
  /** The parts sent for each key's current upload, by part number - 1. */
  partSpecs: Map<string, PartSpec[]>;
  /** The parts of every completed object ever sent, by its SHA-256 (to know its blocks). */
  partsOf: Map<string, PartSpec[]>;
  buckets: Map<string, KeyHistory>;
  keys: Map<string, KeyHistory>;
  permission: KeyHistory;
  /** Keys of the versioned bucket, each with its list of versions. */
  versioned: Map<string, VersionedKeyHistory>;
}

export function newWorld(): World {
  return {
    objects: new Map([...smallKeys, ...largeKeys, ...uploadKeys].map((key) => [key, new KeyHistory()])),
    uploads: new Map(uploadKeys.map((key) => [key, new UploadModel()])),
    plans: new Map(),
    partSpecs: new Map(),
    partsOf: new Map(),
    buckets: new Map(bucketNames.map((name) => [name, new KeyHistory()])),
    keys: new Map(importedKeys.map((id) => [id, new KeyHistory()])),
    permission: new KeyHistory(),
    versioned: newVersionedWorld(),
  };
}

/** One attempt per request: a retried PUT would blur which request the 2xx acknowledged. */
export function s3Client(engine: ChildEngine, key: AccessKey): S3Client {
  return new S3Client({
    endpoint: engine.s3Url,
    region: engine.region,
    forcePathStyle: true,
    credentials: key,
    maxAttempts: 1,
    requestHandler: { requestTimeout: 60_000, connectionTimeout: 10_000 },
  });
}

/** Does the settled state of a history (after the previous verification) say present? */
export function present(history: KeyHistory): boolean {
  return history.allowed()[0].kind === "body";
}

/** The figures every round adds to, and the problems behind any non-zero one. */
export interface Tally {
  figures: {
    rounds: number;
    acknowledged: number;
    inFlightAtKill: number;
    interruptedApplied: number;
    errorsBeforeKill: number;
    lost: number;
    torn: number;
    resurrected: number;
    mismatched: number;
    unreadable: number;
    orphansBeforeCollection: number;
    /** Object versions and delete markers of the versioned bucket read back and judged. */
    versionsChecked: number;
    deleteMarkersChecked: number;
    orphaned: number;
    dangling: number;
    recoveryMsMax: number;
    recoveryMsTotal: number;
  };
  problems: string[];
}

export function newTally(): Tally {
  return {
    figures: {
      rounds: 0,
      acknowledged: 0,
      inFlightAtKill: 0,
      interruptedApplied: 0,
      errorsBeforeKill: 0,
      lost: 0,
      torn: 0,
      resurrected: 0,
      mismatched: 0,
      unreadable: 0,
      orphansBeforeCollection: 0,
      versionsChecked: 0,
      deleteMarkersChecked: 0,
      orphaned: 0,
      dangling: 0,
      recoveryMsMax: 0,
      recoveryMsTotal: 0,
    },
    problems: [],
  };
}
