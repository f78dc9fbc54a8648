import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MetadataStore } from "../metadata/store";
import { BlockStore } from "../blocks/store";
import { Volume } from "../blocks/volume";
import { limits } from "../../util/limits";
import { ScrubWorker } from "./scrub";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function scrubbed(blockCount: number) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "carport-scrub-"));
  const db = MetadataStore.open(path.join(root, "meta"), { fsync: false });
  const volume = Volume.open(path.join(root, "v"), { readOnly: false, fsync: false });
  const blocks = new BlockStore([volume]);
  for (let index = 0; index < blockCount; index += 1) {
    const data = Buffer.from(`block ${index}`.repeat(100));
    await (
      await blocks.write(BlockStore.hash(data), data)
    ).nameDurable;
  }
  const corrupt: string[] = [];
  const scrub = new ScrubWorker(db, blocks, async (hash) => void corrupt.push(hash.toString("hex")));
  cleanups.push(async () => {
    await scrub.stop();
    db.close();
    fs.rmSync(root, { recursive: true, force: true });
  });
  return { scrub, volume, corrupt };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe("ScrubWorker", () => {
  it("schedules its first run 25 to 35 days ahead, as Garage", async () => {
    const { scrub } = await scrubbed(0);
    const { nextRunMs, lastCompletedMs, running } = scrub.progress.load();
    expect(lastCompletedMs).toBeNull();
    expect(running).toBeNull();
    expect(nextRunMs - Date.now()).toBeGreaterThan(limits.scrubIntervalMs - 60_000);
    expect(nextRunMs - Date.now()).toBeLessThanOrEqual(limits.scrubIntervalMs + limits.scrubIntervalJitterMs);
  });

  it("pauses, resumes and cancels a scrub, keeping its state in the metadata", async () => {
    const { scrub } = await scrubbed(30);
    scrub.tranquility = 1000;
    scrub.start();
    await scrub.command("start");
    await expect(scrub.command("start")).rejects.toMatchObject({ code: "InvalidRequest" });
    await scrub.command("pause");
    expect(scrub.progress.load()).toMatchObject({ paused: true });
    expect(scrub.report().progress).toMatch(/^paused volume 1 of 1/);
    await scrub.command("resume");
    expect(scrub.progress.load()).toMatchObject({ paused: false });
    await scrub.command("cancel");
    expect(scrub.progress.load()).toMatchObject({ running: null, lastCompletedMs: null });
  });

  it("verifies every copy, hands a bad one over quarantined, and schedules the next run", async () => {
    const { scrub, volume, corrupt } = await scrubbed(20);
    let victim = "";
    for await (const hashHex of volume.listBlocks()) victim ||= hashHex;
    const file = volume.blockPath(victim);
    fs.writeFileSync(file, Buffer.concat([fs.readFileSync(file), Buffer.from("!")]));
    scrub.tranquility = 0;
    scrub.start();
    await scrub.setNextRun(Date.now());
    await until(() => scrub.progress.load().lastCompletedMs !== null);
    const state = scrub.progress.load();
    expect(corrupt).toEqual([victim]);
    expect(fs.existsSync(file)).toBe(false);
    expect(state.corruptionsDetected).toBe(1);
    expect(scrub.lastRun).toEqual({ checkedBlocks: 20, corruptBlocks: 1 });
    expect(state.nextRunMs - Date.now()).toBeGreaterThan(limits.scrubIntervalMs - 60_000);
  });
});
