import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BlockStore } from "./store";
import { Volume } from "./volume";
import { VolumeHealth } from "./volume-health";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Three volumes holding every partition (rf 3), with the given write quorum. */
async function threeVolumes(writeQuorum: number) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "carport-replicated-"));
  dirs.push(root);
  const volumes = ["a", "b", "c"].map((name) => Volume.open(path.join(root, name), { readOnly: false, fsync: false }));
  const health = new VolumeHealth(() => volumes, 60_000);
  const blocks = new BlockStore(volumes, { health, writeQuorum });
  blocks.setPlacement({ writeSets: () => [volumes.map((volume) => volume.id)] });
  const corrupt: string[] = [];
  const failed: string[] = [];
  blocks.setEvents({
    onCorruptCopy: (_, volume) => corrupt.push(volume.id),
    onCopyFailed: (_, volumeId) => failed.push(volumeId),
  });
  return { volumes, health, blocks, corrupt, failed };
}

const data = Buffer.alloc(64 * 1024, 7);
const hash = BlockStore.hash(data);
const hashHex = hash.toString("hex");

describe("replicated blocks", () => {
  it("finds blocks present on any up volume before a read, and names the first missing one", async () => {
    const { volumes, blocks } = await threeVolumes(3);
    const datas = Array.from({ length: 4 }, (_, index) => Buffer.alloc(4096, index + 1));
    const hashes = datas.map((bytes) => BlockStore.hash(bytes));
    for (const [index, bytes] of datas.entries()) await (await blocks.write(hashes[index], bytes)).nameDurable;
    await blocks.requirePresent(hashes);
    // Gone from the first volume reads try (and from the second for one of them): still present.
    for (const [index, blockHash] of hashes.entries()) {
      fs.rmSync(volumes[0].blockPath(blockHash.toString("hex")));
      if (index === 2) fs.rmSync(volumes[1].blockPath(blockHash.toString("hex")));
    }
    await blocks.requirePresent(hashes);
    fs.rmSync(volumes[1].blockPath(hashes[3].toString("hex")));
    fs.rmSync(volumes[2].blockPath(hashes[3].toString("hex")));
    await expect(blocks.requirePresent(hashes)).rejects.toMatchObject({
      code: "MissingBlock",
      facts: { hash: hashes[3].toString("hex") },
    });
  });

  it("acknowledges a write once a quorum holds it and reports the copy that could not be written", async () => {
    const { volumes, health, blocks, failed } = await threeVolumes(2);
    fs.rmSync(volumes[2].root, { recursive: true });
    await health.checkAll();
    const { nameDurable } = await blocks.write(hash, data);
    await nameDurable;
    expect(volumes.map((volume) => fs.existsSync(volume.blockPath(hashHex)))).toEqual([true, true, false]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(failed).toEqual([volumes[2].id]);
  });

  it("refuses a write that cannot reach its quorum (QuorumUnavailable)", async () => {
    const { volumes, health, blocks } = await threeVolumes(3);
    fs.rmSync(volumes[1].root, { recursive: true });
    await health.checkAll();
    await expect(blocks.write(hash, data)).rejects.toMatchObject({ code: "QuorumUnavailable" });
  });

  it("writes to one volume in dangerous mode (write quorum 1)", async () => {
    const { volumes, health, blocks } = await threeVolumes(1);
    fs.rmSync(volumes[0].root, { recursive: true });
    fs.rmSync(volumes[1].root, { recursive: true });
    await health.checkAll();
    await (
      await blocks.write(hash, data)
    ).nameDurable;
    expect(await blocks.read(hash)).toEqual(data);
  });

  it("reads past a missing copy and a corrupt one, quarantining the corrupt copy", async () => {
    // Write quorum 3: every copy exists once the write resolves (with 2, the third may still be in flight).
    const { volumes, blocks, corrupt } = await threeVolumes(3);
    await (
      await blocks.write(hash, data)
    ).nameDurable;
    fs.rmSync(volumes[0].blockPath(hashHex));
    const file = volumes[1].blockPath(hashHex);
    const flipped = fs.readFileSync(file);
    flipped[10] ^= 1;
    fs.writeFileSync(file, flipped);
    expect(await blocks.read(hash)).toEqual(data);
    expect(corrupt).toEqual([volumes[1].id]);
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.readdirSync(path.join(volumes[1].root, "quarantine"))).toHaveLength(1);
  });

  it("never reads from a volume that is down", async () => {
    const { volumes, health, blocks } = await threeVolumes(1);
    await (
      await blocks.write(hash, data)
    ).nameDurable;
    health.reportFailure(volumes[0], Object.assign(new Error("EIO"), { code: "EIO" }));
    expect(blocks.readOrder(hash).map((volume) => volume.id)).toEqual([volumes[1].id, volumes[2].id]);
  });
});
