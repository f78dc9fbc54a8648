import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MetadataStore } from "../metadata/store";
import { BlockStore } from "../blocks/store";
import { Volume } from "../blocks/volume";
import { BlockCollector } from "../blocks/collector";
import { blockBuffersInUse } from "../blocks/block-buffers";
import { blockOpener, blockSealer, newDataKey } from "./customer-encryption";
import { type IngestContext, ingest } from "./ingest";

/** ingest() over a real volume: the digests, the blocks, and what a failed body gives back. */

const MiB = 1024 * 1024;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function setup(): IngestContext & { db: MetadataStore } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "carport-ingest-"));
  dirs.push(root);
  const blocks = new BlockStore([Volume.open(path.join(root, "v1"), { readOnly: false, fsync: true })]);
  const db = MetadataStore.open(path.join(root, "meta"), { fsync: true });
  return { blocks, db, collector: new BlockCollector(db, blocks, 0), blockSizeBytes: MiB };
}

/** The body in chunks of uneven sizes (as a socket delivers them); throws after `failAfterBytes` when given. */
async function* chunksOf(body: Buffer, failAfterBytes?: number): AsyncGenerator<Buffer> {
  let offset = 0;
  let step = 1;
  while (offset < body.length) {
    if (failAfterBytes !== undefined && offset >= failAfterBytes) throw new Error("the client went away");
    const size = Math.min(body.length - offset, 16 * 1024 + ((step * 7919) % 65536));
    yield body.subarray(offset, offset + size);
    offset += size;
    step += 1;
  }
}

const md5Of = (bytes: Buffer) => crypto.createHash("md5").update(bytes).digest();
const sha256Hex = (bytes: Buffer) => crypto.createHash("sha256").update(bytes).digest("hex");

describe("ingest", () => {
  it.each([
    ["a small body, hashed on the event loop", 300 * 1024 + 5],
    ["a large body, hashed on a hashing thread", 9 * MiB + 12345],
    ["a large body ending on a block boundary", 8 * MiB],
  ])("%s: its MD5, its signed SHA-256 and each block named by its SHA-256", async (_case, sizeBytes) => {
    const context = setup();
    const body = crypto.randomBytes(sizeBytes);
    const result = await ingest(
      context,
      chunksOf(body),
      { sizeBytes, maxSizeBytes: 64 * MiB, sha256Hex: sha256Hex(body) },
      true,
    );
    expect(result.md5).toEqual(md5Of(body));
    expect(result.sizeBytes).toBe(sizeBytes);
    let offset = 0;
    for (const row of result.blocks) {
      const stored = await context.blocks.read(row.hash, row.sizeBytes, row.crc32c);
      expect(stored.equals(body.subarray(offset, offset + row.sizeBytes))).toBe(true);
      expect(row.hash.toString("hex")).toBe(sha256Hex(stored));
      offset += row.sizeBytes;
    }
    expect(offset).toBe(sizeBytes);
    result.release(true);
    expect(context.blocks.pinnedHashes()).toEqual([]);
    await vi.waitFor(() => expect(blockBuffersInUse()).toBe(0));
  });

  it("keeps a small body of unknown length inline, with its MD5", async () => {
    const context = setup();
    const body = crypto.randomBytes(5000);
    const result = await ingest(context, chunksOf(body), { maxSizeBytes: 64 * MiB }, true);
    expect(result.inline?.equals(body)).toBe(true);
    expect(result.blocks).toEqual([]);
    expect(result.md5).toEqual(md5Of(body));
    await vi.waitFor(() => expect(blockBuffersInUse()).toBe(0));
  });

  it("seals each block of a large SSE-C body: the MD5 is of the plain bytes, the name of the stored ones", async () => {
    const context = setup();
    const dataKey = newDataKey();
    const body = crypto.randomBytes(10 * MiB + 3);
    const result = await ingest(
      { ...context, sealBlock: blockSealer(dataKey, 1) },
      chunksOf(body),
      { sizeBytes: body.length, maxSizeBytes: 64 * MiB },
      false,
    );
    expect(result.md5).toEqual(md5Of(body));
    const opener = blockOpener(dataKey);
    const plain: Buffer[] = [];
    let offset = 0;
    for (const row of result.blocks) {
      const stored = await context.blocks.read(row.hash, row.sizeBytes, row.crc32c);
      expect(row.hash.toString("hex")).toBe(sha256Hex(stored));
      plain.push(opener.open(stored, 1, offset));
      offset += stored.length - opener.overheadBytes;
    }
    expect(Buffer.concat(plain).equals(body)).toBe(true);
    result.release(true);
    await vi.waitFor(() => expect(blockBuffersInUse()).toBe(0));
  });

  it.each([
    ["the body stops with an error", { failAfterBytes: 6 * MiB }, /went away/],
    ["the signed SHA-256 does not match", { wrongSha256: true }, /x-amz-content-sha256/],
    ["the Content-MD5 does not match", { wrongMd5: true }, /Content-MD5/],
  ])("when %s, the upload fails and gives back every pin, buffer and staged file", async (_case, fault, message) => {
    const context = setup();
    const body = crypto.randomBytes(12 * MiB);
    const upload = ingest(
      context,
      chunksOf(body, "failAfterBytes" in fault ? fault.failAfterBytes : undefined),
      {
        sizeBytes: body.length,
        maxSizeBytes: 64 * MiB,
        sha256Hex: "wrongSha256" in fault ? sha256Hex(Buffer.from("other")) : sha256Hex(body),
        contentMd5Base64: "wrongMd5" in fault ? md5Of(Buffer.from("other")).toString("base64") : undefined,
      },
      false,
    );
    await expect(upload).rejects.toThrow(message);
    expect(context.blocks.pinnedHashes()).toEqual([]);
    await vi.waitFor(() => expect(blockBuffersInUse()).toBe(0));
    // Blocks are written before their hash is known (blocks/staging.ts): none is left unnamed.
    expect(fs.readdirSync(path.join(context.blocks.volumes[0].root, "tmp"))).toEqual([]);
  });
});
