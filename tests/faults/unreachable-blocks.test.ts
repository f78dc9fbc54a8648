import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { describe, expect, it } from "vitest";
import { newBucket, seededBytes, sharedS3TestEngine, xmlElement } from "../../server/s3/tests/helpers";

/**
 * A GET whose blocks cannot be reached answers an error status before its
 * headers (503 ServiceUnavailable: the data may come back, e.g. a volume that
 * returns), never 200 followed by a connection cut mid-body.
 */

const engine = sharedS3TestEngine();
const MiB = 1024 * 1024;

function blockFile(block: Buffer): string {
  const hashHex = crypto.createHash("sha256").update(block).digest("hex");
  return path.join(engine.dataDir, "blocks", hashHex.slice(0, 2), hashHex);
}

async function signedGet(bucket: string, key: string, range?: string): Promise<{ status: number; body: Buffer }> {
  const url = await getSignedUrl(engine.client, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: 60 });
  const response = await fetch(url, { headers: range ? { range } : {} });
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
}

describe("unreachable blocks", () => {
  it.each([
    ["every block", [0, 1, 2, 3]],
    ["the first block", [0]],
    ["a later block", [2]],
    ["the last block", [3]],
  ])("with %s gone, a GET is 503 ServiceUnavailable before any byte", async (_label, missing) => {
    const bucket = await newBucket(engine.client, "unreachable");
    const data = seededBytes(3 * MiB + 17, `unreachable-${missing.join("-")}`);
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: data }));
    for (const index of missing) fs.rmSync(blockFile(data.subarray(index * MiB, (index + 1) * MiB)));

    const whole = await signedGet(bucket, "k");
    expect(whole.status).toBe(503);
    expect(xmlElement(whole.body.toString("utf8"), "Code")).toBe("ServiceUnavailable");
    // The block's hash is internal: the message says what happened, not where.
    expect(whole.body.toString("utf8")).not.toMatch(/[0-9a-f]{64}/);

    // A range over the missing block is refused the same way; one that avoids it is served exactly.
    const first = missing[0];
    const over = await signedGet(bucket, "k", `bytes=${first * MiB + 5}-${first * MiB + 99}`);
    expect(over.status).toBe(503);
    const intact = [0, 1, 2, 3].find((index) => !missing.includes(index));
    if (intact !== undefined) {
      const range = await signedGet(bucket, "k", `bytes=${intact * MiB}-${intact * MiB + 999}`);
      expect(range.status).toBe(206);
      expect(range.body.equals(data.subarray(intact * MiB, intact * MiB + 1000))).toBe(true);
    }
  });
});
