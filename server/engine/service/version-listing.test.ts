import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MetadataStore } from "../metadata/store";
import { objectKey, versionKey } from "../metadata/keys";
import { type VersionRecord, records } from "../metadata/records";
import { AccessKeyService } from "./access-keys";
import { BucketService } from "./buckets";
import { ObjectVersions } from "./object-versions";
import { listVersions, type VersionListQuery } from "./version-listing";
import { parseVersionRef, versionIdText } from "./version-ids";

/** ListObjectVersions against a naive model: every key's versions flattened in byte order, paged by markers. */

const bucketId = "cd".repeat(32);
const bucket = Buffer.from(bucketId, "hex");
let db: MetadataStore;
let versions: ObjectVersions;
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "carport-version-list-"));
  db = MetadataStore.open(dir, { fsync: false });
  versions = new ObjectVersions(new BucketService(db, new AccessKeyService(db)));
});
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A key's history, newest first: true for a delete marker. */
type Histories = Map<string, boolean[]>;

function version(marker: boolean, seq: number): VersionRecord {
  const base = { v: 1 as const, versionId: crypto.randomBytes(16), seq, nullVersion: seq === 1, createdMs: seq };
  if (marker) return { ...base, deleteMarker: true };
  return {
    ...base,
    sizeBytes: seq,
    etag: "",
    headers: {},
    userMeta: {},
    checksum: null,
    parts: null,
    inline: Buffer.alloc(0),
    tags: [],
  };
}

/** Writes the histories as the version stack lays them out; returns each key's version ids, newest first. */
async function reset(histories: Histories): Promise<Map<string, string[]>> {
  const ids = new Map<string, string[]>();
  await db.write((tx) => {
    for (const tree of ["object", "object_version"] as const)
      for (const [key] of tx.range(tree, { limit: 100_000 })) tx.delete(tree, key);
    for (const [key, history] of histories) {
      const written = history.map((marker, index) => version(marker, history.length - index));
      ids.set(key, written.map(versionIdText));
      written.forEach((record, index) => {
        if (index === 0 && !("deleteMarker" in record))
          tx.put("object", objectKey(bucket, key), records.object.encode(record));
        else tx.put("object_version", versionKey(bucket, key, record.seq), records.version.encode(record));
      });
    }
  });
  return ids;
}

function byBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** Entries as "key#versionId#latest" or "prefix/" for common prefixes. */
function model(ids: Map<string, string[]>, prefix: string, delimiter: string | null): string[] {
  const entries: string[] = [];
  for (const key of [...ids.keys()].sort(byBytes)) {
    if (!key.startsWith(prefix)) continue;
    const index = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
    if (delimiter && index >= 0) {
      const commonPrefix = key.slice(0, index + delimiter.length);
      if (entries[entries.length - 1] !== commonPrefix) entries.push(commonPrefix);
      continue;
    }
    (ids.get(key) ?? []).forEach((id, position) => entries.push(`${key}#${id}#${position === 0}`));
  }
  return entries;
}

function listAll(prefix: string, delimiter: string | null, maxKeys: number): string[] {
  const seen: string[] = [];
  let query: VersionListQuery = { bucketId, prefix, delimiter, keyMarker: null, versionMarker: null, maxKeys };
  for (let pageIndex = 0; pageIndex < 500; pageIndex += 1) {
    const page = listVersions(db, versions, query);
    const entries = [
      ...page.versions.map((listed) => ({
        sortKey: listed.key,
        text: `${listed.key}#${versionIdText(listed.record)}#${listed.isLatest}`,
      })),
      ...page.commonPrefixes.map((commonPrefix) => ({ sortKey: commonPrefix, text: commonPrefix })),
    ];
    // Versions of one key keep their order; keys and prefixes interleave by bytes.
    seen.push(...entries.sort((a, b) => byBytes(a.sortKey, b.sortKey)).map((entry) => entry.text));
    expect(page.versions.length + page.commonPrefixes.length).toBeLessThanOrEqual(maxKeys);
    if (!page.isTruncated) return seen;
    query = {
      ...query,
      keyMarker: page.nextKeyMarker,
      versionMarker: page.nextVersion ? parseVersionRef(versionIdText(page.nextVersion.record)) : null,
    };
  }
  throw new Error("listing did not end");
}

const alphabet = fc.constantFrom("a", "b", "/", "é", "\u{1F600}");
const keyArb = fc.array(alphabet, { minLength: 1, maxLength: 4 }).map((chars) => chars.join(""));
const historyArb = fc.array(fc.boolean(), { minLength: 1, maxLength: 5 });

describe("listVersions", () => {
  it("pages through every version of every key exactly once, newest first, for any page size", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(keyArb, historyArb, { maxKeys: 15 }),
        fc.array(alphabet, { maxLength: 1 }).map((chars) => chars.join("")),
        fc.option(fc.constantFrom("/", "é"), { nil: null }),
        fc.integer({ min: 1, max: 6 }),
        async (histories, prefix, delimiter, maxKeys) => {
          const ids = await reset(new Map(Object.entries(histories)));
          expect(listAll(prefix, delimiter, maxKeys)).toEqual(model(ids, prefix, delimiter));
        },
      ),
      { numRuns: 120 },
    );
  });

  it("answers an empty page that is not truncated for max-keys 0", async () => {
    await reset(new Map([["a", [false, true]]]));
    const page = listVersions(db, versions, {
      bucketId,
      prefix: "",
      delimiter: null,
      keyMarker: null,
      versionMarker: null,
      maxKeys: 0,
    });
    expect(page).toMatchObject({ versions: [], commonPrefixes: [], isTruncated: false });
  });
});
