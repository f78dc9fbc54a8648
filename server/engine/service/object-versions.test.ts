import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MetadataStore } from "../metadata/store";
import { BlockStore } from "../blocks/store";
import { BlockCollector } from "../blocks/collector";
import { Volume } from "../blocks/volume";
import { isDeleteMarker, records, type VersionRecord } from "../metadata/records";
import { isEngineError } from "../errors";
import { recountBucketCounters, scanTree } from "./block-maintenance";
import { parseVersionRef, versionIdText } from "./version-ids";
import { AccessKeyService } from "./access-keys";
import { BucketService } from "./buckets";
import { ObjectVersions } from "./object-versions";
import { ObjectService } from "./objects";

/**
 * The version stack against a naive model: every key's history as a list, newest
 * first, changed as AWS documents for each versioning state. After every step the
 * engine's history, current object, counters, and block references must match.
 */

/** The services the version stack needs, over a store this test may read directly. */
interface Services {
  db: MetadataStore;
  buckets: BucketService;
  objects: ObjectService;
  collector: BlockCollector;
}

let engine: Services;
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "carport-versions-"));
  const db = MetadataStore.open(path.join(dir, "meta"), { fsync: false });
  const blocks = new BlockStore([Volume.open(path.join(dir, "data"), { readOnly: false, fsync: false })]);
  const collector = new BlockCollector(db, blocks, 0);
  const buckets = new BucketService(db, new AccessKeyService(db));
  const objects = new ObjectService(db, blocks, collector, buckets, new ObjectVersions(buckets), 1024 * 1024);
  engine = { db, buckets, objects, collector };
});

afterAll(async () => {
  await engine.collector.stop();
  engine.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface ModelVersion {
  id: string;
  marker: boolean;
  sizeBytes: number;
}

type Step =
  | { kind: "versioning"; state: "enabled" | "suspended" }
  | { kind: "put"; key: string; sizeBytes: number }
  | { kind: "delete"; key: string }
  | { kind: "deleteVersion"; key: string; pick: number };

const keyNames = ["a", "a/b", "b"];
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("versioning"), state: fc.constantFrom("enabled", "suspended") }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("put"),
      key: fc.constantFrom(...keyNames),
      // Inline (small) and block-backed (over 16 KiB) bodies, so block references are exercised.
      sizeBytes: fc.constantFrom(0, 5, 20_000, 40_000),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete"), key: fc.constantFrom(...keyNames) }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("deleteVersion"), key: fc.constantFrom(...keyNames), pick: fc.nat(5) }),
  },
) as fc.Arbitrary<Step>;

async function* bodyOf(sizeBytes: number, seed: number): AsyncGenerator<Buffer> {
  yield Buffer.alloc(sizeBytes, seed % 251);
}

class Model {
  state: "unversioned" | "enabled" | "suspended" = "unversioned";
  readonly histories = new Map<string, ModelVersion[]>(keyNames.map((key) => [key, []]));

  history(key: string): ModelVersion[] {
    return this.histories.get(key) ?? [];
  }

  push(key: string, version: ModelVersion): void {
    const older = this.history(key).filter((entry) => this.state === "enabled" || entry.id !== "null");
    this.histories.set(key, this.state === "unversioned" ? [version] : [version, ...older]);
  }

  counters() {
    const counter = { objects: 0, bytes: 0, versions: 0, versionBytes: 0, deleteMarkers: 0 };
    for (const history of this.histories.values()) {
      history.forEach((version, index) => {
        if (version.marker) counter.deleteMarkers += 1;
        else if (index === 0) {
          counter.objects += 1;
          counter.bytes += version.sizeBytes;
        } else {
          counter.versions += 1;
          counter.versionBytes += version.sizeBytes;
        }
      });
    }
    return counter;
  }
}

async function apply(bucketId: string, model: Model, action: Step, seed: number): Promise<void> {
  if (action.kind === "versioning") {
    await engine.buckets.setVersioning(bucketId, action.state);
    model.state = action.state;
  } else if (action.kind === "put") {
    const record = await engine.objects.put({
      bucketId,
      key: action.key,
      body: bodyOf(action.sizeBytes, seed),
      expect: { sizeBytes: action.sizeBytes },
      headers: {},
      userMeta: {},
    });
    model.push(action.key, { id: versionIdText(record), marker: false, sizeBytes: action.sizeBytes });
  } else if (action.kind === "delete") {
    const { version } = await engine.objects.delete(bucketId, action.key);
    if (model.state === "unversioned") model.histories.set(action.key, []);
    else if (version) model.push(action.key, { id: versionIdText(version), marker: true, sizeBytes: 0 });
    expect(version === null || isDeleteMarker(version)).toBe(true);
  } else {
    const history = model.history(action.key);
    const target = history[action.pick % Math.max(history.length, 1)];
    const id = target?.id ?? "null";
    const { version } = await engine.objects.delete(bucketId, action.key, parseVersionRef(id));
    expect(version === null).toBe(target === undefined);
    if (target)
      model.histories.set(
        action.key,
        history.filter((entry) => entry !== target),
      );
  }
}

function engineHistory(bucketId: string, key: string): VersionRecord[] {
  return engine.objects.history(bucketId, key, 1000);
}

function expectMatches(bucketId: string, model: Model): void {
  for (const key of keyNames) {
    const expected = model.history(key);
    const actual = engineHistory(bucketId, key);
    expect(actual.map((record) => [versionIdText(record), isDeleteMarker(record)])).toEqual(
      expected.map((version) => [version.id, version.marker]),
    );
    const current = engine.objects.get(bucketId, key);
    const newest = expected[0];
    expect(current === null).toBe(newest === undefined || newest.marker);
  }
  const counter = engine.buckets.counter(bucketId);
  expect({
    objects: counter.objects,
    bytes: counter.bytes,
    versions: counter.versions,
    versionBytes: counter.versionBytes,
    deleteMarkers: counter.deleteMarkers,
  }).toEqual(model.counters());
}

/** Every block row belongs to a live version, and every block's count is the number of rows naming it. */
function expectBlocksAccounted(): void {
  const live = new Set<string>();
  for (const [, value] of scanTree(engine.db, "object"))
    live.add(records.object.decode(value).versionId.toString("hex"));
  for (const [, value] of scanTree(engine.db, "object_version")) {
    const version = records.version.decode(value);
    if (!isDeleteMarker(version)) live.add(version.versionId.toString("hex"));
  }
  const rowsPerHash = new Map<string, number>();
  for (const [key, value] of scanTree(engine.db, "version_block")) {
    expect(live.has(key.subarray(0, 16).toString("hex"))).toBe(true);
    const hashHex = records.blockRow.decode(value).hash.toString("hex");
    rowsPerHash.set(hashHex, (rowsPerHash.get(hashHex) ?? 0) + 1);
  }
  const refs = new Map<string, number>();
  for (const [hash, value] of scanTree(engine.db, "block_ref"))
    refs.set(hash.toString("hex"), records.blockRef.decode(value).refs);
  expect(refs).toEqual(rowsPerHash);
}

describe("object versions", () => {
  it("follow AWS's rules for every sequence of writes, deletes and versioning changes", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        run += 1;
        const bucket = await engine.buckets.create({ globalAlias: `model-${run}` });
        const model = new Model();
        for (const [index, action] of steps.entries()) {
          await apply(bucket.id, model, action, index);
          expectMatches(bucket.id, model);
        }
        expectBlocksAccounted();
        const before = engine.buckets.counter(bucket.id);
        await recountBucketCounters(engine.db);
        expect(engine.buckets.counter(bucket.id)).toEqual(before);
      }),
      { numRuns: 40 },
    );
  });

  it("counts every version against the bucket's quotas", async () => {
    const bucket = await engine.buckets.create({ globalAlias: "quota-versions" });
    await engine.buckets.setVersioning(bucket.id, "enabled");
    await engine.buckets.update(bucket.id, (record) => ({ ...record, quotas: { maxObjects: 2, maxSizeBytes: null } }));
    const put = (key: string) =>
      engine.objects.put({
        bucketId: bucket.id,
        key,
        body: bodyOf(3, 1),
        expect: { sizeBytes: 3 },
        headers: {},
        userMeta: {},
      });
    await put("k");
    await put("k");
    const refused = await put("k").catch((error: unknown) => error);
    expect(isEngineError(refused, "QuotaExceeded")).toBe(true);
    // Delete markers hold no data: a delete is never refused by a quota.
    await engine.objects.delete(bucket.id, "k");
    expect(engine.buckets.counter(bucket.id)).toMatchObject({ objects: 0, versions: 2, deleteMarkers: 1 });
  });

  it("refuses to delete a bucket that still holds older versions or delete markers", async () => {
    const bucket = await engine.buckets.create({ globalAlias: "not-empty-versions" });
    await engine.buckets.setVersioning(bucket.id, "enabled");
    await engine.objects.put({
      bucketId: bucket.id,
      key: "k",
      body: bodyOf(3, 2),
      expect: {},
      headers: {},
      userMeta: {},
    });
    await engine.objects.delete(bucket.id, "k");
    expect(engine.objects.get(bucket.id, "k")).toBeNull();
    const refused = await engine.db.write((tx) => engine.buckets.deleteInTx(tx, bucket.id)).catch((error) => error);
    expect(isEngineError(refused, "BucketNotEmpty")).toBe(true);
    for (const version of engineHistory(bucket.id, "k"))
      await engine.objects.delete(bucket.id, "k", parseVersionRef(versionIdText(version)));
    await engine.db.write((tx) => engine.buckets.deleteInTx(tx, bucket.id));
  });
});
