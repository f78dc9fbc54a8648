import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MetadataStore } from "../metadata/store";
import { objectKey } from "../metadata/keys";
import { type ObjectRecord, records } from "../metadata/records";
import { listObjects, type ListQuery } from "./listing";

/** Listing against a naive model: sort all keys by UTF-8 bytes, then filter. */

const bucketId = "ab".repeat(32);
let db: MetadataStore;
let dir: string;

function record(): ObjectRecord {
  return {
    v: 1,
    versionId: Buffer.alloc(16),
    seq: 0,
    nullVersion: true,
    createdMs: 0,
    sizeBytes: 0,
    etag: "",
    headers: {},
    userMeta: {},
    checksum: null,
    parts: null,
    inline: Buffer.alloc(0),
    tags: [],
  };
}

async function reset(keys: string[]): Promise<void> {
  await db.write((tx) => {
    for (const [key] of tx.range("object", { limit: 100_000 })) tx.delete("object", key);
    for (const key of keys)
      tx.put("object", objectKey(Buffer.from(bucketId, "hex"), key), records.object.encode(record()));
  });
}

function model(keys: string[], query: ListQuery): { entries: string[]; isTruncated: boolean } {
  const sorted = [...new Set(keys)].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const entries: string[] = [];
  for (const key of sorted) {
    if (!key.startsWith(query.prefix)) continue;
    let entry = key;
    if (query.delimiter) {
      const index = key.indexOf(query.delimiter, query.prefix.length);
      if (index >= 0) entry = key.slice(0, index + query.delimiter.length);
    }
    if (query.startAfter !== null && Buffer.compare(Buffer.from(entry), Buffer.from(query.startAfter)) <= 0) continue;
    if (query.startAfter !== null && entry !== key && query.startAfter.startsWith(entry)) continue;
    if (entries[entries.length - 1] !== entry) entries.push(entry);
  }
  return { entries: entries.slice(0, query.maxKeys), isTruncated: query.maxKeys > 0 && entries.length > query.maxKeys };
}

function flatten(page: ReturnType<typeof listObjects>): string[] {
  return [...page.objects.map((object) => object.key), ...page.commonPrefixes].sort((a, b) =>
    Buffer.compare(Buffer.from(a), Buffer.from(b)),
  );
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "carport-list-"));
  db = MetadataStore.open(dir, { fsync: false });
});
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const alphabet = fc.constantFrom("a", "b", "/", "-", "é", "\uFF5E", "\u{1F600}", "z");
const keyArb = fc.array(alphabet, { minLength: 1, maxLength: 6 }).map((chars) => chars.join(""));

describe("listObjects", () => {
  it("matches the byte-order model for random keys, prefixes, delimiters and markers", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(keyArb, { minLength: 0, maxLength: 40 }),
        fc.array(alphabet, { maxLength: 2 }).map((chars) => chars.join("")),
        fc.option(fc.constantFrom("/", "-", "é"), { nil: null }),
        fc.option(keyArb, { nil: null }),
        fc.integer({ min: 0, max: 12 }),
        async (keys, prefix, delimiter, startAfter, maxKeys) => {
          await reset(keys);
          const query: ListQuery = { bucketId, prefix, delimiter, startAfter, maxKeys };
          const page = listObjects(db, query);
          const expected = model(keys, query);
          expect(flatten(page)).toEqual(expected.entries);
          expect(page.isTruncated).toBe(expected.isTruncated);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("pages through every key exactly once by continuing after the last entry", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(keyArb, { maxLength: 60 }),
        fc.option(fc.constantFrom("/", "-"), { nil: null }),
        fc.integer({ min: 1, max: 7 }),
        async (keys, delimiter, maxKeys) => {
          await reset(keys);
          const seen: string[] = [];
          let startAfter: string | null = null;
          for (let pageIndex = 0; pageIndex < 200; pageIndex += 1) {
            const page = listObjects(db, { bucketId, prefix: "", delimiter, startAfter, maxKeys });
            seen.push(...flatten(page));
            if (!page.isTruncated) break;
            startAfter = page.lastReturned;
          }
          expect(seen).toEqual(
            model(keys, { bucketId, prefix: "", delimiter, startAfter: null, maxKeys: 1_000_000 }).entries,
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  it("reads rows in proportion to the entries it returns, not to the keys it skips", async () => {
    const folders = 50;
    const keysPerFolder = 400;
    const keys: string[] = [];
    for (let folder = 0; folder < folders; folder++)
      for (let index = 0; index < keysPerFolder; index++)
        keys.push(`f${String(folder).padStart(3, "0")}/o${String(index).padStart(4, "0")}`);
    keys.push("top-1", "top-2");
    await reset(keys);
    let rowsRead = 0;
    const counting = new Proxy(db, {
      get(target, property, receiver) {
        if (property !== "range") return Reflect.get(target, property, receiver) as unknown;
        return (...args: Parameters<MetadataStore["range"]>) => {
          const rows = target.range(...args);
          rowsRead += rows.length;
          return rows;
        };
      },
    });
    const root = listObjects(counting, { bucketId, prefix: "", delimiter: "/", startAfter: null, maxKeys: 1000 });
    expect(root.commonPrefixes).toHaveLength(folders);
    expect(root.objects.map((object) => object.key)).toEqual(["top-1", "top-2"]);
    expect(rowsRead).toBeLessThanOrEqual(2 * (folders + 2) + 1);

    rowsRead = 0;
    const folder = listObjects(counting, { bucketId, prefix: "f007/", delimiter: "/", startAfter: null, maxKeys: 100 });
    expect(folder.objects).toHaveLength(100);
    expect(rowsRead).toBeLessThanOrEqual(2 * 100 + 1);
  });
});
