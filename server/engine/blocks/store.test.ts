import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MetadataStore } from "../metadata/store";
import { BlockStore } from "./store";
import { Volume } from "./volume";
import { BlockCollector, addBlockRef, dropBlockRef } from "./collector";

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "carport-blocks-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function setup() {
  const root = tempDir();
  const volume = Volume.open(path.join(root, "v1"), { readOnly: false, fsync: true });
  const blocks = new BlockStore([volume]);
  const db = MetadataStore.open(path.join(root, "meta"), { fsync: true });
  return { root, volume, blocks, db, collector: new BlockCollector(db, blocks, 0) };
}

describe("BlockStore", () => {
  it("stores a block under its hash and reads it back verified", async () => {
    const { blocks, volume } = setup();
    const data = Buffer.from("hello block");
    const hash = BlockStore.hash(data);
    await blocks.write(hash, data);
    expect(fs.readFileSync(volume.blockPath(hash.toString("hex")))).toEqual(data);
    expect(await blocks.read(hash)).toEqual(data);
    expect(fs.readdirSync(path.join(volume.root, "tmp"))).toEqual([]);
  });

  it("keeps the volume id across reopenings", () => {
    const root = tempDir();
    const first = Volume.open(root, { readOnly: false, fsync: true });
    const second = Volume.open(root, { readOnly: false, fsync: true });
    expect(second.id).toBe(first.id);
    expect(first.id).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ["its SHA-256", false, false],
    ["the CRC32C kept beside its hash", true, false],
    ["the CRC32C, into a pooled buffer checked off the event loop", true, true],
  ])(
    "never serves a corrupt block checked by %s: it is quarantined and the read fails",
    async (_check, withCrc, pooled) => {
      const { blocks, volume } = setup();
      const data = Buffer.alloc(pooled ? 1024 * 1024 : 4096, 1);
      const hash = BlockStore.hash(data);
      const crc = withCrc ? BlockStore.crc32c(data) : undefined;
      const read = () => (pooled ? blocks.readPooled(hash, data.length, crc) : blocks.read(hash, data.length, crc));
      await blocks.write(hash, data);
      expect(await read()).toEqual(data);
      const file = volume.blockPath(hash.toString("hex"));
      const corrupted = fs.readFileSync(file);
      corrupted[100] ^= 0xff;
      fs.writeFileSync(file, corrupted);
      await expect(read()).rejects.toMatchObject({ code: "CorruptBlock" });
      expect(fs.existsSync(file)).toBe(false);
      expect(fs.readdirSync(path.join(volume.root, "quarantine"))).toHaveLength(1);
      await expect(read()).rejects.toMatchObject({ code: "MissingBlock" });
    },
  );

  it("collects unreferenced blocks but never pinned or referenced ones", async () => {
    const { blocks, db, collector, volume } = setup();
    const [a, b, c] = ["a", "b", "c"].map((text) => Buffer.from(text.repeat(100)));
    const [ha, hb, hc] = [a, b, c].map((data) => BlockStore.hash(data));
    for (const [hash, data] of [
      [ha, a],
      [hb, b],
      [hc, c],
    ] as const)
      await blocks.write(hash, data);
    await db.write((tx) => addBlockRef(tx, hb));
    blocks.pin(hc.toString("hex"));
    collector.enqueue([ha, hb, hc]);
    expect(await collector.collectDue(Date.now() + 1)).toBe(1);
    const exists = (hash: Buffer) => fs.existsSync(volume.blockPath(hash.toString("hex")));
    expect([exists(ha), exists(hb), exists(hc)]).toEqual([false, true, true]);
    blocks.unpin(hc.toString("hex"));
    const freed = await db.write((tx) => dropBlockRef(tx, hb));
    expect(freed).toBe(true);
    collector.enqueue([hb]);
    expect(await collector.collectDue(Date.now() + 60_000 * 60)).toBe(2);
    expect([exists(hb), exists(hc)]).toEqual([false, false]);
    db.close();
  });

  it("finds orphan blocks left by a crash on the startup scan", async () => {
    const { blocks, db, collector, volume } = setup();
    const data = Buffer.from("orphan");
    const hash = BlockStore.hash(data);
    await blocks.write(hash, data);
    expect(await collector.scanForOrphans()).toBe(1);
    await collector.collectDue(Date.now() + 1);
    expect(fs.existsSync(volume.blockPath(hash.toString("hex")))).toBe(false);
    db.close();
  });
});

describe("MetadataStore group commit", () => {
  it("commits concurrent writes together; a failing write rolls back alone", async () => {
    const { db } = setup();
    const key = (name: string) => Buffer.from(name);
    const results = await Promise.allSettled([
      db.write((tx) => tx.put("meta", key("one"), Buffer.from("1"))),
      db.write((tx) => {
        tx.put("meta", key("two"), Buffer.from("2"));
        throw new Error("refused");
      }),
      db.write((tx) => tx.put("meta", key("three"), Buffer.from("3"))),
    ]);
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(db.get("meta", key("one"))?.toString()).toBe("1");
    expect(db.get("meta", key("two"))).toBeUndefined();
    expect(db.get("meta", key("three"))?.toString()).toBe("3");
    db.close();
  });
});
