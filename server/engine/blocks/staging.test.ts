import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BlockStore } from "./store";
import { Volume } from "./volume";
import { volumesForEveryHash } from "./staging";

/** Blocks written before their hash is known: named once it is, never left behind, and only where placement allows. */

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function volumes(count: number): Volume[] {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "carport-staging-"));
  dirs.push(root);
  return Array.from({ length: count }, (_, index) =>
    Volume.open(path.join(root, `v${index}`), { readOnly: false, fsync: true }),
  );
}

const tmpFiles = (volume: Volume) => fs.readdirSync(path.join(volume.root, "tmp"));

describe("staged block writes", () => {
  it("a staged block gets its name once the hash is known, with nothing left in tmp/", async () => {
    const [volume] = volumes(1);
    const blocks = new BlockStore([volume]);
    const data = crypto.randomBytes(300_000);
    const staged = blocks.stage(data);
    expect(staged).not.toBeNull();
    let released = false;
    const { nameDurable } = await blocks.write(BlockStore.hash(data), data, () => (released = true), staged);
    await nameDurable;
    expect(released).toBe(true);
    expect(fs.readFileSync(volume.blockPath(BlockStore.hash(data).toString("hex")))).toEqual(data);
    expect(tmpFiles(volume)).toEqual([]);
  });

  it("a block that already exists keeps its file, and the staged copy is gone by the time the write reports", async () => {
    const [volume] = volumes(1);
    const blocks = new BlockStore([volume]);
    const data = crypto.randomBytes(10_000);
    const hash = BlockStore.hash(data);
    await blocks.write(hash, data);
    const before = fs.statSync(volume.blockPath(hash.toString("hex"))).ino;
    // Removed before the write reports: a request's staged file is never in flight when it is acknowledged.
    await blocks.write(hash, data, () => undefined, blocks.stage(data));
    expect(tmpFiles(volume)).toEqual([]);
    expect(fs.statSync(volume.blockPath(hash.toString("hex"))).ino).toBe(before);
    expect(tmpFiles(volume)).toEqual([]);
  });

  it("a staged block that is never named is removed by discard()", async () => {
    const [volume] = volumes(1);
    const staged = new BlockStore([volume]).stage(crypto.randomBytes(1000));
    await staged?.discard();
    expect(staged).not.toBeNull();
    expect(tmpFiles(volume)).toEqual([]);
  });

  it("stages only where a block's volumes do not depend on its hash", () => {
    const [first, second] = volumes(2);
    const blocks = new BlockStore([first, second]);
    const byFirstBit = (hash: Buffer) => [[hash[0] < 128 ? first.id : second.id]];
    blocks.setPlacement({ writeSets: byFirstBit });
    expect(blocks.stage(Buffer.from("x"))).toBeNull();
    blocks.setPlacement({ writeSets: () => [[first.id, second.id]] });
    const staged = blocks.stage(Buffer.from("x"));
    expect(staged?.fileOn(first.id)).not.toBeNull();
    expect(staged?.fileOn(second.id)).not.toBeNull();
    return staged?.discard();
  });

  it("volumesForEveryHash: the shared volumes across every partition and layout version, or null", () => {
    expect(volumesForEveryHash({ writeSets: () => [["b", "a"], ["a"]] })).toEqual(["a", "b"]);
    expect(volumesForEveryHash({ writeSets: (hash) => [[hash[0] === 255 ? "b" : "a"]] })).toBeNull();
    expect(volumesForEveryHash({ writeSets: () => [[]] })).toBeNull();
  });
});
