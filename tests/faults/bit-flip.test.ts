import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { describe, expect, it } from "vitest";
import { newBucket, sharedS3TestEngine } from "../../server/s3/tests/helpers";

/**
 * A flipped bit on disk, anywhere in any block of an object, is detected: every
 * read of it (whole, ranged, before and after a scrub) is an error or a body cut
 * short, never bytes that differ from what was stored. Figure: wrong bytes served (0 of N).
 */

const engine = sharedS3TestEngine();
const mib = 1024 * 1024;

function blockFile(block: Buffer): string {
  const hashHex = crypto.createHash("sha256").update(block).digest("hex");
  return path.join(engine.dataDir, "blocks", hashHex.slice(0, 2), hashHex);
}

async function readRaw(bucket: string, key: string, range?: string): Promise<{ status: number; body: Buffer | null }> {
  const url = await getSignedUrl(engine.client, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: 60 });
  try {
    const response = await fetch(url, { headers: range ? { range } : {} });
    return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
  } catch {
    return { status: 0, body: null };
  }
}

describe("a flipped bit on disk", () => {
  it(
    "is never served, whichever block and bit, whole or ranged, before and after a scrub",
    { timeout: 120_000 },
    async () => {
      const bucket = await newBucket(engine.client, "bitflip");
      let reads = 0;
      let wrong = 0;
      // Every read here touches the flipped byte: a complete 2xx body can only be undetected corruption;
      // a body cut short (the connection aborted after the headers) must match what was stored, as far as it goes.
      const check = (outcome: { status: number; body: Buffer | null }, expected: Buffer) => {
        reads += 1;
        if (outcome.status < 200 || outcome.status >= 300 || outcome.body === null) return;
        const complete = outcome.body.length >= expected.length;
        if (complete || !expected.subarray(0, outcome.body.length).equals(outcome.body)) wrong += 1;
      };
      for (const [blockIndex, offset, bit] of [
        [0, 0, 0x01],
        [0, mib - 1, 0x80],
        [1, 12345, 0x10],
        [2, 0, 0x02],
        [2, 99, 0x40],
      ] as const) {
        const key = `flip-${blockIndex}-${offset}`;
        const data = crypto.randomBytes(2 * mib + 100);
        await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: data }));
        const block = data.subarray(blockIndex * mib, (blockIndex + 1) * mib);
        const file = blockFile(block);
        const bytes = fs.readFileSync(file);
        bytes[offset] ^= bit;
        fs.writeFileSync(file, bytes);
        const at = blockIndex * mib + offset;
        check(await readRaw(bucket, key), data);
        check(await readRaw(bucket, key, `bytes=${at}-${at}`), data.subarray(at, at + 1));
        check(
          await readRaw(bucket, key, `bytes=${Math.max(0, at - 10)}-${at + 10}`),
          data.subarray(Math.max(0, at - 10), at + 11),
        );
      }
      // A scrub finds the corrupt blocks by itself (and quarantines them): reads stay refused after it.
      const workers = engine.running.engine.workers;
      workers.setVariable("scrub-tranquility", "0");
      workers.scrub("start");
      for (let wait = 0; wait < 200 && workers.get(2).state === "busy"; wait += 1)
        await new Promise((resolve) => setTimeout(resolve, 50));
      for (const blockIndex of [0, 1, 2]) {
        const key = `flip-${blockIndex}-${blockIndex === 1 ? 12345 : 0}`;
        const outcome = await readRaw(bucket, key);
        reads += 1;
        if (outcome.status >= 200 && outcome.status < 300 && (outcome.body?.length ?? 0) >= 2 * mib + 100) wrong += 1;
      }
      console.log(`bit flips: ${wrong} wrong bodies served of ${reads} reads of corrupted objects`);
      expect(wrong).toBe(0);
    },
  );
});
