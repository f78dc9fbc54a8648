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
