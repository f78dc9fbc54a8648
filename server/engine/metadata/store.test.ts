import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MetadataStore } from "./store";

/** The in-memory rows of the hot trees never disagree with the database. */

let dir: string;
let db: MetadataStore;
const key = Buffer.from("GK-cached");

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "carport-store-"));
  db = MetadataStore.open(dir, { fsync: false });
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("MetadataStore cached trees", () => {
  it("answers a read after a write with the written row, a miss included", async () => {
    expect(db.get("access_key", key)).toBeUndefined();
    await db.write((tx) => tx.put("access_key", key, Buffer.from("one")));
    expect(db.get("access_key", key)?.toString()).toBe("one");
    await db.write((tx) => tx.put("access_key", key, Buffer.from("two")));
    expect(db.get("access_key", key)?.toString()).toBe("two");
    await db.write((tx) => tx.delete("access_key", key));
    expect(db.get("access_key", key)).toBeUndefined();
  });

  it("never keeps a row read inside a write that rolls back", async () => {
    await db.write((tx) => tx.put("access_key", key, Buffer.from("committed")));
    expect(db.get("access_key", key)?.toString()).toBe("committed");
    const failed = db.write((tx) => {
      tx.put("access_key", key, Buffer.from("rolled back"));
      expect(tx.get("access_key", key)?.toString()).toBe("rolled back");
      throw new Error("abort this write");
    });
    await expect(failed).rejects.toThrow("abort this write");
    expect(db.get("access_key", key)?.toString()).toBe("committed");
  });
});

describe("MetadataStore.rangeTextKeys", () => {
  it("gives the rows range() gives, each key as the text after its binary prefix", async () => {
    const prefix = Buffer.from([0x00, 0xff, 0x80, 0x01]);
    const names = ["a", "a/b", "é", "中文/ключ", "😀", "z".repeat(1024), "tab\tcr\r&<"];
    await db.write((tx) => {
      for (const name of names)
        tx.put("object", Buffer.concat([prefix, Buffer.from(name)]), Buffer.from([name.length]));
    });
    for (const reverse of [false, true]) {
      const options = { start: prefix, limit: 100, reverse };
      const raw = db.range("object", options);
      const text = db.rangeTextKeys("object", options, prefix.length);
      expect(text.map(([name]) => name)).toEqual(raw.map(([rawKey]) => rawKey.subarray(prefix.length).toString()));
      expect(text.map(([, value]) => value)).toEqual(raw.map(([, value]) => value));
      expect(new Set(text.map(([name]) => name))).toEqual(new Set(names));
    }
  });
});
