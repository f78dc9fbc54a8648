import http from "node:http";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { describe, expect, it } from "vitest";
import { bodyBytes, newBucket, seededBytes, sharedS3TestEngine } from "./helpers";

/**
 * Block reads go into reusable buffers, given back once the socket has written them:
 * a buffer given back too early would send one object's bytes in another's body.
 */

const engine = sharedS3TestEngine();

const MiB = 1024 * 1024;

describe("reused read buffers", () => {
  it("concurrent whole and ranged GETs of multi-block objects each get exactly their own bytes", async () => {
    const bucket = await newBucket(engine.client, "reuse");
    const objects = ["a", "b", "c"].map((key) => ({ key, data: seededBytes(3 * MiB + 7, `reuse-${key}`) }));
    for (const { key, data } of objects)
      await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: data }));
    for (let round = 0; round < 2; round += 1) {
      const reads = objects.flatMap(({ key, data }) => [
        { key, range: undefined, expected: data },
        { key, range: `bytes=${MiB - 5}-${3 * MiB}`, expected: data.subarray(MiB - 5, 3 * MiB + 1) },
        { key, range: `bytes=${2 * MiB}-`, expected: data.subarray(2 * MiB) },
        // Small ranges are copied out of the block's buffer, which goes back at once.
        { key, range: `bytes=${MiB + 100}-${MiB + 1099}`, expected: data.subarray(MiB + 100, MiB + 1100) },
        { key, range: `bytes=${MiB - 3}-${MiB + 2}`, expected: data.subarray(MiB - 3, MiB + 3) },
      ]);
      const bodies = await Promise.all(
        reads.map(async ({ key, range }) =>
          bodyBytes((await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: range }))).Body),
        ),
      );
      bodies.forEach((body, index) => expect(body.equals(reads[index].expected)).toBe(true));
    }
  });

  it("a client that hangs up mid-body leaves the next readers' bytes intact", async () => {
    const bucket = await newBucket(engine.client, "hangup");
    const data = seededBytes(6 * MiB + 3, "hangup");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: data }));
    const url = await getSignedUrl(engine.client, new GetObjectCommand({ Bucket: bucket, Key: "k" }), {
      expiresIn: 60,
    });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const abort = new AbortController();
      const response = await fetch(url, { signal: abort.signal });
      const reader = response.body?.getReader();
      await reader?.read();
      abort.abort();
      await reader?.cancel().catch(() => undefined);
    }
    const bodies = await Promise.all(
      [0, 1, 2].map(async () =>
        bodyBytes((await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "k" }))).Body),
      ),
    );
    for (const body of bodies) expect(body.equals(data)).toBe(true);
  });

  it("a reader that stops reading keeps its unsent bytes while other GETs read blocks of the same size", async () => {
    const bucket = await newBucket(engine.client, "slow");
    // Large enough for 4 MiB blocks, and for more than the sockets' buffers hold.
    const slow = seededBytes(40 * MiB + 1, "slow-reader");
    const fast = seededBytes(40 * MiB + 1, "fast-reader");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "slow", Body: slow }));
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "fast", Body: fast }));
    const url = await getSignedUrl(engine.client, new GetObjectCommand({ Bucket: bucket, Key: "slow" }), {
      expiresIn: 60,
    });
    const response = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http.get(url, resolve).on("error", reject),
    );
    response.pause();
    // The engine fills the sockets' buffers and is left with a block only partly written.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (let round = 0; round < 2; round += 1) {
      const body = await bodyBytes(
        (await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "fast" }))).Body,
      );
      expect(body.equals(fast)).toBe(true);
    }
    const chunks: Buffer[] = [];
    for await (const chunk of response) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(slow)).toBe(true);
  });
});
