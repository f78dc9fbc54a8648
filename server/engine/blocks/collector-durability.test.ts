import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openHeldStore } from "../metadata/testing";
import { BlockStore } from "./store";
import { Volume } from "./volume";
import { BlockCollector, addBlockRef, dropBlockRef } from "./collector";

/**
 * A commit is visible before its WAL fsync returns. The collector must not delete
 * a block whose last reference was dropped by a commit still waiting for that
 * fsync: a power cut would bring the reference back without the block.
 */

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("BlockCollector and durability", () => {
  it("deletes a block only once the commit that dropped its last reference is durable", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "carport-gc-durable-"));
    dirs.push(root);
    const volume = Volume.open(path.join(root, "v1"), { readOnly: false, fsync: true });
    const blocks = new BlockStore([volume]);
    const { db, wal } = openHeldStore(path.join(root, "meta"));
    const collector = new BlockCollector(db, blocks, 0);
    const data = Buffer.from("a block about to lose its last reference");
    const hash = BlockStore.hash(data);
    const file = volume.blockPath(hash.toString("hex"));
    await (
      await blocks.write(hash, data)
    ).nameDurable;
    const added = db.write((tx) => addBlockRef(tx, hash));
    await turn();
    wal.held.shift()?.();
    await added;

    // The reference is dropped: committed, not yet durable.
    const dropped = db.write((tx) => dropBlockRef(tx, hash));
    await turn();
    collector.enqueue([hash]);
    const collecting = collector.collectDue(Date.now() + 1);
    await turn();
    expect(fs.existsSync(file)).toBe(true);

    wal.held.shift()?.();
    await dropped;
    expect(await collecting).toBe(1);
    expect(fs.existsSync(file)).toBe(false);
    db.close();
  });
});
