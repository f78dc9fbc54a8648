import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Volume } from "./volume";
import { VolumeHealth } from "./volume-health";

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "carport-health-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function monitored(volume: Volume) {
  const events: string[] = [];
  const health = new VolumeHealth(() => [volume], 60_000);
  health.setEvents({
    onDown: (_, reason) => events.push(`down: ${reason}`),
    onUp: (_, needsRestore) => events.push(`up${needsRestore ? " (restore)" : ""}`),
  });
  return { health, events };
}

describe("VolumeHealth", () => {
  it("marks a volume down when its directory disappears, and adopts an empty one put in its place", async () => {
    const root = path.join(tempDir(), "v");
    const volume = Volume.open(root, { readOnly: false, fsync: false });
    const { health, events } = monitored(volume);
    await health.checkAll();
    expect(health.isUp(volume.id)).toBe(true);
    fs.rmSync(root, { recursive: true });
    await health.checkAll();
    expect(health.status(volume.id)).toMatchObject({ isUp: false, downReason: "the directory is missing" });
    await health.checkAll();
    expect(health.isUp(volume.id)).toBe(false);
    fs.mkdirSync(root);
    await health.checkAll();
    expect(health.isUp(volume.id)).toBe(true);
    expect(fs.readFileSync(path.join(root, "volume-id"), "utf8").trim()).toBe(volume.id);
    expect(fs.existsSync(path.join(root, "ff"))).toBe(true);
    expect(events).toEqual(["down: the directory is missing", "up (restore)"]);
  });

  it("never adopts a directory that holds another volume or other files", async () => {
    const base = tempDir();
    const volume = Volume.open(path.join(base, "v"), { readOnly: false, fsync: false });
    const other = Volume.open(path.join(base, "other"), { readOnly: false, fsync: false });
    const { health } = monitored(volume);
    fs.rmSync(volume.root, { recursive: true });
    fs.renameSync(other.root, volume.root);
    await health.checkAll();
    await health.checkAll();
    expect(health.status(volume.id).downReason).toContain(`holds volume ${other.id.slice(0, 16)}`);
    fs.rmSync(volume.root, { recursive: true });
    fs.mkdirSync(volume.root);
    fs.writeFileSync(path.join(volume.root, "precious.txt"), "not ours");
    await health.checkAll();
    expect(health.status(volume.id)).toMatchObject({ isUp: false });
    expect(health.status(volume.id).downReason).toContain("not empty");
    expect(fs.existsSync(path.join(volume.root, "volume-id"))).toBe(false);
  });

  it("keeps a volume opened without touching its disk down until a first inspection passes", async () => {
    const root = path.join(tempDir(), "v");
    const opened = Volume.open(root, { readOnly: false, fsync: false });
    const known = Volume.known(root, opened.id, { readOnly: false, fsync: false });
    const { health, events } = monitored(known);
    health.trackUnverified(known);
    expect(health.isUp(known.id)).toBe(false);
    await health.checkAll();
    expect(health.isUp(known.id)).toBe(true);
    expect(events).toEqual(["up"]);
  });

  it("marks a volume down at once on an I/O error and brings it back only after a probe write", async () => {
    const volume = Volume.open(path.join(tempDir(), "v"), { readOnly: false, fsync: false });
    const { health, events } = monitored(volume);
    const eio = Object.assign(new Error("EIO: i/o error, read"), { code: "EIO" });
    health.reportFailure(volume, eio);
    expect(health.isUp(volume.id)).toBe(false);
    await health.check(volume);
    expect(health.isUp(volume.id)).toBe(true);
    expect(events).toEqual(["down: I/O error: EIO: i/o error, read", "up (restore)"]);
    health.reportFailure(volume, Object.assign(new Error("no space"), { code: "ENOSPC" }));
    expect(health.isUp(volume.id)).toBe(true);
  });
});
