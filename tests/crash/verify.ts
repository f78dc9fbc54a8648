import {
  GetObjectCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import type { AccessKey, ChildEngine } from "../../server/testing/child-engine";
import { limits } from "../../server/util/limits";
import { absent, type KeyHistory, type State } from "./model";
import { sha256Hex } from "./seeded-bytes";
import { type ListedUpload, UploadModel } from "./upload-model";
import {
  bucketNames,
  exists,
  objectBucket,
  partBytes,
  permissionBucket,
  s3Client,
  secretOf,
  type Tally,
  uploadKeys,
  viaAdmin,
  type World,
} from "./world";

/**
 * After each restart: every entity against its history, listings against point
 * reads (admin and S3), and the blocks on disk against what is visible.
 */

const blockSizeBytes = limits.blockSizeBytes;

export function blocksOf(bytes: Buffer, inlineAllowed: boolean): string[] {
  if (inlineAllowed && bytes.length <= limits.inlineThresholdBytes) return [];
  const hashes: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += blockSizeBytes)
    hashes.push(sha256Hex(bytes.subarray(offset, offset + blockSizeBytes)));
  return hashes;
}

export function judge(tally: Tally, round: number, what: string, history: KeyHistory, visible: State): void {
  const verdict = history.classify(visible);
  if (history.interruptedApplied(visible)) tally.figures.interruptedApplied += 1;
  if (verdict !== "ok") {
    tally.figures[verdict] += 1;
    tally.problems.push(
      `round ${round}: ${what} is ${verdict}: visible ${JSON.stringify(visible)}, allowed ${JSON.stringify(history.allowed())}`,
    );
  }
  history.settle(visible);
}

function mismatch(tally: Tally, round: number, detail: string): void {
  tally.figures.mismatched += 1;
  tally.problems.push(`round ${round}: listing and point read disagree: ${detail}`);
}

async function readObject(client: S3Client, key: string): Promise<Buffer | null> {
  try {
    const response = await client.send(new GetObjectCommand({ Bucket: objectBucket, Key: key }));
    return Buffer.from((await response.Body?.transformToByteArray()) ?? new Uint8Array());
  } catch (error) {
    if (error instanceof Error && error.name === "NoSuchKey") return null;
    throw error;
  }
}

/** Objects and uploads: point reads, the listing, the uploads and their parts; returns the blocks they need. */
export async function verifyObjects(
  tally: Tally,
  client: S3Client,
  world: World,
  round: number,
): Promise<{ needed: Set<string>; toAbort: Array<[string, string]> }> {
  const needed = new Set<string>();
  const sizes = new Map<string, number>();
  const visibleSha = new Map<string, string>();
  for (const [key, history] of world.objects) {
    let bytes: Buffer | null;
    try {
      bytes = await readObject(client, key);
    } catch (error) {
      tally.figures.unreadable += 1;
      tally.problems.push(`round ${round}: GET ${key}: ${String(error)}`);
      continue;
    }
    const visible: State = bytes === null ? absent : { kind: "body", sha256: sha256Hex(bytes) };
    if (bytes !== null && visible.kind === "body") {
      sizes.set(key, bytes.length);
      visibleSha.set(key, visible.sha256);
      const parts = world.partsOf.get(visible.sha256);
      const hashes = parts ? parts.flatMap((spec) => blocksOf(partBytes(spec), false)) : blocksOf(bytes, true);
      for (const hash of hashes) needed.add(hash);
    }
    judge(tally, round, key, history, visible);
  }
  const listed = await client.send(new ListObjectsV2Command({ Bucket: objectBucket }));
  const listedSizes = new Map((listed.Contents ?? []).map((entry) => [entry.Key ?? "", entry.Size ?? -1]));
  for (const key of new Set([...sizes.keys(), ...listedSizes.keys()]))
    if (sizes.get(key) !== listedSizes.get(key))
      mismatch(tally, round, `${key}: GET ${sizes.get(key)}, LIST ${listedSizes.get(key)}`);

  const toAbort: Array<[string, string]> = [];
  const uploadsListed = await client.send(new ListMultipartUploadsCommand({ Bucket: objectBucket }));
  for (const key of uploadKeys) {
    const model = world.uploads.get(key) as UploadModel;
    const listedUploads: ListedUpload[] = [];
    for (const upload of (uploadsListed.Uploads ?? []).filter((entry) => entry.Key === key)) {
      const uploadId = upload.UploadId ?? "";
      const parts = await client.send(new ListPartsCommand({ Bucket: objectBucket, Key: key, UploadId: uploadId }));
      listedUploads.push({
        uploadId,
        parts: (parts.Parts ?? []).map((part) => ({
          partNumber: part.PartNumber ?? 0,
          etag: part.ETag ?? "",
          sizeBytes: part.Size ?? -1,
        })),
      });
      toAbort.push([key, uploadId]);
    }
    const pendingCompletion =
      model.ending?.kind === "complete"
        ? sha256Hex(
            Buffer.concat(
              model.parts
                .filter((part) => part.acknowledged)
                .map((part) => partBytes((world.partSpecs.get(key) ?? [])[part.partNumber - 1])),
            ),
          )
        : null;
    for (const found of model.judge(
      listedUploads,
      pendingCompletion !== null && visibleSha.get(key) === pendingCompletion,
    )) {
      tally.figures[found.verdict] += 1;
      tally.problems.push(`round ${round}: upload ${key}: ${found.verdict}: ${found.detail}`);
    }
    // The parts of uploads still open hold blocks too.
    for (const upload of listedUploads)
      for (const part of upload.parts) {
        const spec = (world.partSpecs.get(key) ?? [])[part.partNumber - 1];
        if (spec) for (const hash of blocksOf(partBytes(spec), false)) needed.add(hash);
      }
    world.uploads.set(key, new UploadModel());
    world.plans.delete(key);
    world.partSpecs.delete(key);
  }
  return { needed, toAbort };
}

/** Buckets, keys and the permission: point reads (admin and S3), against the admin listings. */
export async function verifyAdmin(
  tally: Tally,
  engine: ChildEngine,
  client: S3Client,
  world: World,
  round: number,
  permissionKey: AccessKey,
): Promise<void> {
  const aliases = new Set(
    ((await engine.admin("ListBuckets")) as Array<{ globalAliases: string[] }>).flatMap(
      (bucket) => bucket.globalAliases,
    ),
  );
  for (const [name, history] of world.buckets) {
    const there = viaAdmin(name)
      ? await engine.admin("GetBucketInfo", undefined, { globalAlias: name }).then(
          () => true,
          () => false,
        )
      : await client.send(new HeadBucketCommand({ Bucket: name })).then(
          () => true,
          () => false,
        );
    if (there !== aliases.has(name))
      mismatch(tally, round, `bucket ${name}: point read ${there}, ListBuckets ${aliases.has(name)}`);
    judge(tally, round, `bucket ${name}`, history, there ? exists : absent);
  }
  const s3Listed = new Set(
    ((await client.send(new ListBucketsCommand({}))).Buckets ?? []).map((bucket) => bucket.Name),
  );
  for (const name of bucketNames.filter((_, index) => index % 2 === 0))
    if (s3Listed.has(name) !== aliases.has(name))
      mismatch(tally, round, `bucket ${name}: S3 ListBuckets ${s3Listed.has(name)}, admin ${aliases.has(name)}`);

  const listedKeys = new Set(((await engine.admin("ListKeys")) as Array<{ id: string }>).map((key) => key.id));
  for (const [id, history] of world.keys) {
    const there = await engine.admin("GetKeyInfo", undefined, { id }).then(
      () => true,
      () => false,
    );
    // The S3 API agrees: the key signs requests exactly when it exists.
    const signs = await s3Client(engine, { accessKeyId: id, secretAccessKey: secretOf(id) })
      .send(new ListBucketsCommand({}))
      .then(
        () => true,
        () => false,
      );
    if (there !== listedKeys.has(id) || there !== signs)
      mismatch(tally, round, `key ${id}: GetKeyInfo ${there}, ListKeys ${listedKeys.has(id)}, S3 ${signs}`);
    judge(tally, round, `key ${id}`, history, there ? exists : absent);
  }

  const info = (await engine.admin("GetBucketInfo", undefined, { globalAlias: permissionBucket })) as {
    keys: Array<{ accessKeyId: string; permissions: { read: boolean; write: boolean } }>;
  };
  const granted = info.keys.find((entry) => entry.accessKeyId === permissionKey.accessKeyId)?.permissions;
  const allowed = Boolean(granted?.read && granted.write);
  if (granted && granted.read !== granted.write) tally.figures.torn += 1;
  const reads = await s3Client(engine, permissionKey)
    .send(new ListObjectsV2Command({ Bucket: permissionBucket }))
    .then(
      () => true,
      () => false,
    );
  if (reads !== allowed) mismatch(tally, round, `permission: admin says ${allowed}, S3 read ${reads}`);
  judge(tally, round, "permission", world.permission, allowed ? exists : absent);
}

/** Runs the blocks repair and waits (bounded) until the block files are exactly the needed ones. */
export async function orphansAndDangling(
  engine: ChildEngine,
  needed: Set<string>,
): Promise<{ orphans: string[]; dangling: string[] }> {
  await engine.admin("LaunchRepairOperation", { repairType: "blocks" }, { node: "self" });
  let result = { orphans: [] as string[], dangling: [] as string[] };
  for (let attempt = 0; attempt < 120; attempt += 1) {
    const onDisk = await engine.blockFiles();
    result = {
      orphans: [...onDisk].filter((hash) => !needed.has(hash)),
      dangling: [...needed].filter((hash) => !onDisk.has(hash)),
    };
    if (result.orphans.length === 0) return result;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return result;
}
