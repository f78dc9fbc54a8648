import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { MetadataStore } from "./store";
import { openHeldStore, type HeldWal } from "./testing";

/**
 * The WAL's fsync runs off the event loop: a write resolves only once an fsync
 * that began after its commit has returned. The WAL here is the real one; the
 * test holds each fsync back until it lets it go.
 */

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function openStore(): { db: MetadataStore; wal: HeldWal } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "carport-durable-"));
  dirs.push(dir);
  return openHeldStore(dir);
}

/** Lets the event loop run the group commit (a setImmediate) and settle what it can. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

function tracked<T>(promise: Promise<T>): { settled: () => boolean; promise: Promise<T> } {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  return { settled: () => done, promise };
}

const row = (text: string) => Buffer.from(text);

describe("durable commits", () => {
  it("resolves a write only once the fsync after its commit returns", async () => {
    const { db, wal } = openStore();
    const write = tracked(db.write((tx) => tx.put("object", row("a"), row("1"))));
    await turn();
    // Committed and visible, not yet acknowledged.
    expect(db.get("object", row("a"))?.toString()).toBe("1");
    expect(wal.held).toHaveLength(1);
    await turn();
    expect(write.settled()).toBe(false);
    wal.held.shift()?.();
    await write.promise;
    expect(wal.synced).toBe(1);
    // Nothing left to flush: no fsync is started.
    await turn();
    expect(wal.held).toHaveLength(0);
    db.close();
  });

  it("covers every commit made while an fsync ran with the next single fsync", async () => {
    const { db, wal } = openStore();
    const first = tracked(db.write((tx) => tx.put("object", row("a"), row("1"))));
    await turn();
    const later = [1, 2, 3].map((index) => tracked(db.write((tx) => tx.put("object", row(`b${index}`), row("2")))));
    await turn();
    const more = tracked(db.write((tx) => tx.put("object", row("c"), row("3"))));
    await turn();
    // One fsync in flight at a time: the commits after it wait for the next.
    expect(wal.held).toHaveLength(1);
    wal.held.shift()?.();
    await first.promise;
    await turn();
    expect(later.some((write) => write.settled())).toBe(false);
    expect(more.settled()).toBe(false);
    expect(wal.held).toHaveLength(1);
    wal.held.shift()?.();
    await Promise.all([...later.map((write) => write.promise), more.promise]);
    expect(wal.synced).toBe(2);
    db.close();
  });

  it("tells readers when what they see is durable", async () => {
    const { db, wal } = openStore();
    const hash = row("block-hash");
    expect(db.isDurable("block_ref", hash)).toBe(true);
    expect(db.whenAllDurable()).toBeNull();
    const write = db.write((tx) => tx.put("block_ref", hash, row("refs")));
    await turn();
    expect(db.isDurable("block_ref", hash)).toBe(false);
    const barrier = tracked(db.whenAllDurable() ?? Promise.reject(new Error("expected a pending barrier")));
    await turn();
    expect(barrier.settled()).toBe(false);
    wal.held.shift()?.();
    await Promise.all([write, barrier.promise]);
    expect(db.isDurable("block_ref", hash)).toBe(true);
    expect(db.whenAllDurable()).toBeNull();
    db.close();
  });

  it("fails the writes waiting on an fsync that failed, and every write while the disk fails", async () => {
    const { db, wal } = openStore();
    const write = db.write((tx) => tx.put("object", row("a"), row("1")));
    await turn();
    wal.failNext = true;
    wal.held.shift()?.();
    await expect(write).rejects.toMatchObject({ code: "StorageError" });
    await expect(db.write((tx) => tx.put("object", row("b"), row("2")))).rejects.toMatchObject({
      code: "StorageError",
    });
    expect(wal.held).toHaveLength(0);
    db.close();
  });

  it("takes writes again once a checkpoint has made every visible commit durable", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "carport-durable-"));
    dirs.push(dir);
    const { db, wal } = openHeldStore(dir);
    const failed = db.write((tx) => tx.put("object", row("a"), row("1")));
    await turn();
    wal.failNext = true;
    wal.held.shift()?.();
    await expect(failed).rejects.toMatchObject({ code: "StorageError" });
    wal.failNext = false;
    const walPath = path.join(dir, "carport.db-wal");
    const walBytesBefore = fs.statSync(walPath).size;
    // The failed write's outcome was unknown; the checkpoint made it durable, in the database file itself.
    const next = db.write((tx) => tx.put("object", row("b"), row("2")));
    await turn();
    // The WAL was emptied and holds only the new commit (one page and its frame header, after the WAL's header).
    expect(fs.statSync(walPath).size).toBeLessThan(walBytesBefore);
    expect(fs.statSync(walPath).size).toBe(32 + 24 + 4096);
    wal.held.shift()?.();
    await next;
    db.close();
    const reopened = openHeldStore(dir).db;
    expect(reopened.get("object", row("a"))?.toString()).toBe("1");
    expect(reopened.get("object", row("b"))?.toString()).toBe("2");
    reopened.close();
  });

  it("closing flushes what is still waiting and closes the WAL once its fsync returns", async () => {
    const { db, wal } = openStore();
    const first = db.write((tx) => tx.put("object", row("a"), row("1")));
    await turn();
    const second = tracked(db.write((tx) => tx.put("object", row("b"), row("2"))));
    db.close();
    await second.promise;
    expect(wal.closed).toBe(false);
    wal.held.shift()?.();
    await first;
    expect(wal.closed).toBe(true);
  });
});
