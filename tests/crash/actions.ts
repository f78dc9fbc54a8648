import crypto from "node:crypto";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import type { ChildEngine } from "../../server/testing/child-engine";
import { limits } from "../../server/util/limits";
import type { KeyHistory } from "./model";
import { seededBytes, sha256Hex } from "./seeded-bytes";
import type { UploadModel } from "./upload-model";
import { versionedAction, versionedKeys } from "./versioned";
import {
  bucketNames,
  importedKeys,
  largeKeys,
  mib,
  objectBucket,
  partBytes,
  permissionBucket,
  present,
  secretOf,
  smallKeys,
  smallSizesBytes,
  uploadKeys,
  viaAdmin,
  type World,
} from "./world";

/**
 * The crash test's workload: one action at a time per entity, each registered in
 * the world's model before it is sent and marked acknowledged when its 2xx arrives.
 */

export type Action = { entity: string; run: () => Promise<void> };

/** Picks one action on a free entity and registers it in the model; `run` marks it acknowledged. */
export function pickAction(
  world: World,
  engine: ChildEngine,
  client: S3Client,
  random: () => number,
  label: string,
  permissionKey: string,
  isFree: (entity: string) => boolean,
): Action {
  for (;;) {
    const roll = random();
    const pick = (items: string[]) => {
      const free = items.filter(isFree);
      return free.length === 0 ? null : free[Math.floor(random() * free.length)];
    };
    if (random() < 0.2) {
      const key = pick(versionedKeys.filter((candidate) => isFree(`versioned:${candidate}`)));
      if (key !== null) return versionedAction(world.versioned, client, random, label, key, pickSmallSize(random));
    } else if (roll < 0.45) {
      const key = pick(smallKeys);
      if (key !== null) return objectAction(world, client, random, label, key, pickSmallSize(random));
    } else if (roll < 0.6) {
      const key = pick(largeKeys);
      if (key !== null)
        return objectAction(world, client, random, label, key, 2 * mib + Math.floor(random() * 4 * mib));
    } else if (roll < 0.75) {
      // One upload per key and round: once it is completed or aborted, the key waits for the next round.
      const key = pick(uploadKeys.filter((candidate) => world.uploads.get(candidate)?.ending === null));
      if (key !== null) return uploadAction(world, client, random, label, key);
    } else if (roll < 0.83) {
      const name = pick(bucketNames);
      if (name !== null) return bucketAction(world, engine, client, name);
    } else if (roll < 0.93) {
      const id = pick(importedKeys);
      if (id !== null) return keyAction(world, engine, id);
    } else if (isFree("permission")) return permissionAction(world, engine, permissionKey);
  }
}

function pickSmallSize(random: () => number): number {
  return random() < 0.3
    ? Math.floor(random() * (3 * mib + 1))
    : smallSizesBytes[Math.floor(random() * smallSizesBytes.length)];
}

function objectAction(
  world: World,
  client: S3Client,
  random: () => number,
  label: string,
  key: string,
  sizeBytes: number,
): Action {
  const history = world.objects.get(key) as KeyHistory;
  if (random() < 0.25) {
    const operation = history.begin({ kind: "delete", sha256: null, acknowledged: false });
    return {
      entity: key,
      run: async () => {
        await client.send(new DeleteObjectCommand({ Bucket: objectBucket, Key: key }));
        operation.acknowledged = true;
      },
    };
  }
  const body = seededBytes(`${label}/${key}`, sizeBytes);
  const operation = history.begin({ kind: "put", sha256: sha256Hex(body), acknowledged: false });
  return {
    entity: key,
    run: async () => {
      await client.send(new PutObjectCommand({ Bucket: objectBucket, Key: key, Body: body }));
      operation.acknowledged = true;
    },
  };
}

function bucketAction(world: World, engine: ChildEngine, client: S3Client, name: string): Action {
  const history = world.buckets.get(name) as KeyHistory;
  if (present(history)) {
    const operation = history.begin({ kind: "delete", sha256: null, acknowledged: false });
    return {
      entity: name,
      run: async () => {
        if (viaAdmin(name)) {
          const { id } = (await engine.admin("GetBucketInfo", undefined, { globalAlias: name })) as { id: string };
          await engine.admin("DeleteBucket", {}, { id });
        } else await client.send(new DeleteBucketCommand({ Bucket: name }));
        operation.acknowledged = true;
      },
    };
  }
  const operation = history.begin({ kind: "put", sha256: "exists", acknowledged: false });
  return {
    entity: name,
    run: async () => {
      if (viaAdmin(name)) await engine.admin("CreateBucket", { globalAlias: name });
      else await client.send(new CreateBucketCommand({ Bucket: name }));
      operation.acknowledged = true;
    },
  };
}

function keyAction(world: World, engine: ChildEngine, id: string): Action {
  const history = world.keys.get(id) as KeyHistory;
  if (present(history)) {
    const operation = history.begin({ kind: "delete", sha256: null, acknowledged: false });
    return {
      entity: id,
      run: async () => {
        await engine.admin("DeleteKey", {}, { id });
        operation.acknowledged = true;
      },
    };
  }
  const operation = history.begin({ kind: "put", sha256: "exists", acknowledged: false });
  return {
    entity: id,
    run: async () => {
      await engine.admin("ImportKey", { accessKeyId: id, secretAccessKey: secretOf(id), name: "crash" });
      operation.acknowledged = true;
    },
  };
}

function permissionAction(world: World, engine: ChildEngine, permissionKey: string): Action {
  const allow = !present(world.permission);
  const operation = world.permission.begin({
    kind: allow ? "put" : "delete",
    sha256: allow ? "exists" : null,
    acknowledged: false,
  });
  return {
    entity: "permission",
    run: async () => {
      const { id } = (await engine.admin("GetBucketInfo", undefined, { globalAlias: permissionBucket })) as {
        id: string;
      };
      const change = { bucketId: id, accessKeyId: permissionKey, permissions: { read: true, write: true } };
      await engine.admin(allow ? "AllowBucketKey" : "DenyBucketKey", change);
      operation.acknowledged = true;
    },
  };
}

function uploadAction(world: World, client: S3Client, random: () => number, label: string, key: string): Action {
  const model = world.uploads.get(key) as UploadModel;
  const history = world.objects.get(key) as KeyHistory;
  let plan = world.plans.get(key);
  if (!plan) {
    plan =
      random() < 0.5
        ? [mib + Math.floor(random() * 2 * mib)]
        : [limits.minPartBytes, mib / 2 + Math.floor(random() * mib)];
    world.plans.set(key, plan);
  }
  const step = model.next(plan.length);
  if (step === "create") {
    model.createSent = true;
    return {
      entity: key,
      run: async () => {
        const created = await client.send(new CreateMultipartUploadCommand({ Bucket: objectBucket, Key: key }));
        model.uploadId = created.UploadId ?? null;
      },
    };
  }
  const uploadId = model.uploadId as string;
  if (step === "part") {
    const partNumber = model.parts.filter((part) => part.acknowledged).length + 1;
    const spec = { label: `${label}/${key}/part${partNumber}`, sizeBytes: plan[partNumber - 1] };
    const body = partBytes(spec);
    const specs = world.partSpecs.get(key) ?? [];
    specs[partNumber - 1] = spec;
    world.partSpecs.set(key, specs);
    const part = {
      partNumber,
      etag: `"${crypto.createHash("md5").update(body).digest("hex")}"`,
      sizeBytes: body.length,
      acknowledged: false,
    };
    model.parts.push(part);
    return {
      entity: key,
      run: async () => {
        await client.send(
          new UploadPartCommand({
            Bucket: objectBucket,
            Key: key,
            UploadId: uploadId,
            PartNumber: partNumber,
            Body: body,
          }),
        );
        part.acknowledged = true;
      },
    };
  }
  const acknowledgedParts = model.parts.filter((part) => part.acknowledged);
  if (random() < 0.2) {
    model.ending = { kind: "abort", acknowledged: false };
    return {
      entity: key,
      run: async () => {
        await client.send(new AbortMultipartUploadCommand({ Bucket: objectBucket, Key: key, UploadId: uploadId }));
        if (model.ending) model.ending.acknowledged = true;
      },
    };
  }
  const specs = acknowledgedParts.map((part) => (world.partSpecs.get(key) ?? [])[part.partNumber - 1]);
  const wholeSha256 = sha256Hex(Buffer.concat(specs.map(partBytes)));
  world.partsOf.set(wholeSha256, specs);
  const operation = history.begin({ kind: "put", sha256: wholeSha256, acknowledged: false });
  model.ending = { kind: "complete", acknowledged: false };
  return {
    entity: key,
    run: async () => {
      await client.send(
        new CompleteMultipartUploadCommand({
          Bucket: objectBucket,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: {
            Parts: acknowledgedParts.map((part) => ({ PartNumber: part.partNumber, ETag: part.etag })),
          },
        }),
      );
      operation.acknowledged = true;
      if (model.ending) model.ending.acknowledged = true;
    },
  };
}

/** Runs the mixed workload until `killAfterAcks` acknowledgements, then kills the engine mid-flight. */
