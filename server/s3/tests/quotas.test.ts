import http from "node:http";
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { expectS3Error, newBucket, seededBytes, sharedS3TestEngine, signRaw, xmlElement } from "./helpers";

/** Quotas as a client meets them: refused with S3's QuotaExceeded in people's units, and as early as possible. */

const engine = sharedS3TestEngine();
const MiB = 1024 * 1024;

async function bucketWithQuotas(prefix: string, quotas: { maxSizeBytes: number | null; maxObjects: number | null }) {
  const name = await newBucket(engine.client, prefix);
  const core = engine.running.engine;
  const bucketId = core.buckets.resolveName(name, null)?.id ?? "";
  await core.buckets.update(bucketId, (record) => ({ ...record, quotas }));
  return { name, bucketId };
}

/** A PUT sent as curl and the SDK send large bodies: headers first, the body only after 100 Continue. */
async function putExpectingContinue(
  path: string,
  query: Record<string, string>,
  sizeBytes: number,
): Promise<{ status: number; body: string; continued: boolean }> {
  const signed = await signRaw(
    {
      endpoint: engine.running.s3Url,
      region: "garage",
      accessKeyId: engine.accessKeyId,
      secretAccessKey: engine.secretAccessKey,
    },
    { method: "PUT", path, query, payloadHash: "UNSIGNED-PAYLOAD" },
  );
  return new Promise((resolve, reject) => {
    let continued = false;
    const request = http.request(signed.url, {
      method: "PUT",
      headers: { ...signed.headers, expect: "100-continue", "content-length": String(sizeBytes) },
    });
    request.on("continue", () => {
      continued = true;
      request.end(Buffer.alloc(sizeBytes));
    });
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), continued });
        // When the body was never asked for, the request is over.
        request.destroy();
      });
    });
    request.on("error", (error) => (continued ? null : reject(error)));
    request.flushHeaders();
  });
}

describe("a bucket's size quota", () => {
  it("refuses a PutObject that would exceed it, naming the quota in kB", async () => {
    const { name } = await bucketWithQuotas("quota-put", { maxSizeBytes: 500_000, maxObjects: null });
    await engine.client.send(new PutObjectCommand({ Bucket: name, Key: "fits", Body: Buffer.alloc(400_000) }));
    const refused = await expectS3Error(
      engine.client.send(new PutObjectCommand({ Bucket: name, Key: "too-much", Body: Buffer.alloc(200_000) })),
      "QuotaExceeded",
      403,
    );
    expect(refused.message).toBe(
      "The bucket's quota of 500 kB would be exceeded. It holds 400 kB; this write would add 200 kB.",
    );
    expect(refused.message).not.toMatch(/\d{4,} bytes/);
  });

  it("refuses the first UploadPart that would exceed it, not the completion", async () => {
    const { name } = await bucketWithQuotas("quota-mpu", { maxSizeBytes: 8_000_000, maxObjects: null });
    const { UploadId } = await engine.client.send(new CreateMultipartUploadCommand({ Bucket: name, Key: "big" }));
    const first = seededBytes(5 * MiB, "quota-part-1");
    const part1 = await engine.client.send(
      new UploadPartCommand({ Bucket: name, Key: "big", UploadId, PartNumber: 1, Body: first }),
    );
    const refused = await expectS3Error(
      engine.client.send(
        new UploadPartCommand({ Bucket: name, Key: "big", UploadId, PartNumber: 2, Body: seededBytes(5 * MiB, "p2") }),
      ),
      "QuotaExceeded",
      403,
    );
    expect(refused.message).toBe(
      "The bucket's quota of 8 MB would be exceeded. It holds 0 B; this upload's parts would add 10.5 MB.",
    );
    // Only the part that fits was kept; the upload can still finish with what fits.
    const parts = await engine.client.send(new ListPartsCommand({ Bucket: name, Key: "big", UploadId }));
    expect(parts.Parts?.map((part) => part.PartNumber)).toEqual([1]);
    await engine.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: name,
        Key: "big",
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part1.ETag }] },
      }),
    );
    // Sending part 1 again replaces it: it is not counted twice.
    const { UploadId: again } = await engine.client.send(
      new CreateMultipartUploadCommand({ Bucket: name, Key: "big" }),
    );
    for (const attempt of ["a", "b"])
      await engine.client.send(
        new UploadPartCommand({ Bucket: name, Key: "big", UploadId: again, PartNumber: 1, Body: Buffer.from(attempt) }),
      );
  });

  it("refuses a part before its body is sent when the declared length cannot fit", async () => {
    const { name } = await bucketWithQuotas("quota-continue", { maxSizeBytes: 1_000_000, maxObjects: null });
    const { UploadId } = await engine.client.send(new CreateMultipartUploadCommand({ Bucket: name, Key: "k" }));
    const answer = await putExpectingContinue(`/${name}/k`, { partNumber: "1", uploadId: UploadId ?? "" }, 2 * MiB);
    expect(answer.status).toBe(403);
    expect(xmlElement(answer.body, "Code")).toBe("QuotaExceeded");
    expect(xmlElement(answer.body, "Message")).toMatch(/quota of 1 MB would be exceeded\./);
    expect(answer.continued).toBe(false);
    // A part that fits is let in: the server asks for its body.
    const fits = await putExpectingContinue(`/${name}/k`, { partNumber: "1", uploadId: UploadId ?? "" }, 1000);
    expect(fits).toMatchObject({ status: 200, continued: true });
  });

  it("refuses CreateMultipartUpload in a bucket already over its quota", async () => {
    const { name, bucketId } = await bucketWithQuotas("quota-over", { maxSizeBytes: null, maxObjects: null });
    await engine.client.send(new PutObjectCommand({ Bucket: name, Key: "held", Body: Buffer.alloc(3000) }));
    await engine.running.engine.buckets.update(bucketId, (record) => ({
      ...record,
      quotas: { maxSizeBytes: 2000, maxObjects: null },
    }));
    const refused = await expectS3Error(
      engine.client.send(new CreateMultipartUploadCommand({ Bucket: name, Key: "more" })),
      "QuotaExceeded",
      403,
    );
    expect(refused.message).toBe("The bucket's quota of 2 kB would be exceeded. It already holds 3 kB.");
    // Replacing the object that holds the bytes can still make room.
    await engine.client.send(new CreateMultipartUploadCommand({ Bucket: name, Key: "held" }));
  });
});

describe("a bucket's objects quota", () => {
  it("refuses CreateMultipartUpload when no object may be added, but lets an object be replaced", async () => {
    const { name } = await bucketWithQuotas("quota-count", { maxSizeBytes: null, maxObjects: 1 });
    await engine.client.send(new PutObjectCommand({ Bucket: name, Key: "only", Body: "x" }));
    const refused = await expectS3Error(
      engine.client.send(new CreateMultipartUploadCommand({ Bucket: name, Key: "second" })),
      "QuotaExceeded",
      403,
    );
    expect(refused.message).toBe("The bucket's quota of 1 object would be exceeded.");
    await engine.client.send(new CreateMultipartUploadCommand({ Bucket: name, Key: "only" }));
  });
});
