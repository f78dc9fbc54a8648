import crypto from "node:crypto";
import zlib from "node:zlib";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  UploadPartCommand,
  type CompletedPart,
} from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import {
  bodyBytes,
  expectS3Error,
  md5Hex,
  newBucket,
  seededBytes,
  signedFetch,
  sharedS3TestEngine,
  xmlElement,
} from "./helpers";

/** Multipart uploads: create, parts, complete (and its errors), abort, list (UploadPartCopy: multipart-copy.test.ts). */

const engine = sharedS3TestEngine();

const MiB = 1024 * 1024;

/** S3's multipart ETag: MD5 of the parts' binary MD5s, then "-N". */
function multipartEtag(parts: Buffer[]): string {
  const md5s = Buffer.concat(parts.map((part) => crypto.createHash("md5").update(part).digest()));
  return `"${md5Hex(md5s)}-${parts.length}"`;
}

async function upload(
  bucket: string,
  key: string,
  parts: Buffer[],
): Promise<{ uploadId: string; completed: CompletedPart[] }> {
  const { UploadId } = await engine.client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
  const completed: CompletedPart[] = [];
  for (const [index, body] of parts.entries()) {
    const part = await engine.client.send(
      new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: index + 1, Body: body }),
    );
    expect(part.ETag).toBe(`"${md5Hex(body)}"`);
    completed.push({ PartNumber: index + 1, ETag: part.ETag });
  }
  return { uploadId: UploadId ?? "", completed };
}

describe("complete", () => {
  it("a 12 MiB object in 5 MiB parts reads back byte-exact, with S3's multipart ETag", async () => {
    const bucket = await newBucket(engine.client, "mp12");
    const data = seededBytes(12 * MiB, "mp12");
    const parts = [data.subarray(0, 5 * MiB), data.subarray(5 * MiB, 10 * MiB), data.subarray(10 * MiB)];
    const { uploadId, completed } = await upload(bucket, "big", parts);
    const done = await engine.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: "big",
        UploadId: uploadId,
        MultipartUpload: { Parts: completed },
      }),
    );
    expect(done.ETag).toBe(multipartEtag(parts));
    expect(done.Key).toBe("big");
    expect(done.Bucket).toBe(bucket);
    const got = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "big" }));
    expect(got.ContentLength).toBe(12 * MiB);
    expect(got.ETag).toBe(multipartEtag(parts));
    expect((await bodyBytes(got.Body)).equals(data)).toBe(true);
    const range = await engine.client.send(
      new GetObjectCommand({ Bucket: bucket, Key: "big", Range: `bytes=${5 * MiB - 3}-${5 * MiB + 2}` }),
    );
    expect((await bodyBytes(range.Body)).equals(data.subarray(5 * MiB - 3, 5 * MiB + 3))).toBe(true);
    await expectS3Error(
      engine.client.send(new ListPartsCommand({ Bucket: bucket, Key: "big", UploadId: uploadId })),
      "NoSuchUpload",
      404,
    );
  });

  it("keeps metadata given at creation; a single small part is allowed", async () => {
    const bucket = await newBucket(engine.client, "mpmeta");
    const { UploadId } = await engine.client.send(
      new CreateMultipartUploadCommand({
        Bucket: bucket,
        Key: "m",
        ContentType: "text/csv",
        Metadata: { origin: "mpu" },
      }),
    );
    const part = await engine.client.send(
      new UploadPartCommand({ Bucket: bucket, Key: "m", UploadId, PartNumber: 1, Body: "a,b\n" }),
    );
    await engine.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: "m",
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
      }),
    );
    const head = await engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "m" }));
    expect(head.ContentType).toBe("text/csv");
    expect(head.Metadata).toEqual({ origin: "mpu" });
    expect(head.ETag).toBe(multipartEtag([Buffer.from("a,b\n")]));
  });

  it("a re-uploaded part replaces the earlier one", async () => {
    const bucket = await newBucket(engine.client, "mpre");
    const { UploadId } = await engine.client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: "k" }));
    await engine.client.send(
      new UploadPartCommand({ Bucket: bucket, Key: "k", UploadId, PartNumber: 1, Body: "first" }),
    );
    const second = await engine.client.send(
      new UploadPartCommand({ Bucket: bucket, Key: "k", UploadId, PartNumber: 1, Body: "second" }),
    );
    await engine.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: "k",
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: second.ETag }] },
      }),
    );
    expect(
      await (await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "k" }))).Body?.transformToString(),
    ).toBe("second");
  });

  it("a CRC32 upload gets S3's composite checksum (checksum of part checksums, -N)", async () => {
    const bucket = await newBucket(engine.client, "mpck");
    const parts = [seededBytes(5 * MiB, "ck1"), Buffer.from("tail")];
    const { UploadId } = await engine.client.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: "k", ChecksumAlgorithm: "CRC32" }),
    );
    const completed: CompletedPart[] = [];
    for (const [index, body] of parts.entries()) {
      const part = await engine.client.send(
        new UploadPartCommand({
          Bucket: bucket,
          Key: "k",
          UploadId,
          PartNumber: index + 1,
          Body: body,
          ChecksumAlgorithm: "CRC32",
        }),
      );
      expect(part.ChecksumCRC32).toBeDefined();
      completed.push({ PartNumber: index + 1, ETag: part.ETag, ChecksumCRC32: part.ChecksumCRC32 });
    }
    const done = await engine.client.send(
      new CompleteMultipartUploadCommand({ Bucket: bucket, Key: "k", UploadId, MultipartUpload: { Parts: completed } }),
    );
    const crcs = Buffer.concat(completed.map((part) => Buffer.from(part.ChecksumCRC32 ?? "", "base64")));
    const composite = Buffer.alloc(4);
    composite.writeUInt32BE(zlib.crc32(crcs));
    expect(done.ChecksumCRC32).toBe(`${composite.toString("base64")}-2`);
    const head = await engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: "k", ChecksumMode: "ENABLED" }));
    expect(head.ChecksumCRC32).toBe(done.ChecksumCRC32);
    expect(head.ChecksumType).toBe("COMPOSITE");
    const got = await engine.client.send(new GetObjectCommand({ Bucket: bucket, Key: "k", ChecksumMode: "ENABLED" }));
    expect((await bodyBytes(got.Body)).equals(Buffer.concat(parts))).toBe(true);
  });

  it("a part checksummed with another algorithm than the upload's is refused", async () => {
    const bucket = await newBucket(engine.client, "mpalgo");
    const { UploadId } = await engine.client.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: "k", ChecksumAlgorithm: "CRC32C" }),
    );
    // The SDK checksums parts with CRC32 unless told otherwise.
    await expectS3Error(
      engine.client.send(new UploadPartCommand({ Bucket: bucket, Key: "k", UploadId, PartNumber: 1, Body: "x" })),
      "InvalidRequest",
      400,
    );
    const part = await engine.client.send(
      new UploadPartCommand({
        Bucket: bucket,
        Key: "k",
        UploadId,
        PartNumber: 1,
        Body: "x",
        ChecksumAlgorithm: "CRC32C",
      }),
    );
    expect(part.ChecksumCRC32C).toBeDefined();
  });

  it("InvalidPart for an unknown part or a wrong ETag", async () => {
    const bucket = await newBucket(engine.client, "mpinv");
    const { uploadId, completed } = await upload(bucket, "k", [Buffer.from("only")]);
    const complete = (parts: CompletedPart[]) =>
      engine.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: "k",
          UploadId: uploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
    await expectS3Error(complete([{ PartNumber: 2, ETag: completed[0].ETag }]), "InvalidPart", 400);
    await expectS3Error(complete([{ PartNumber: 1, ETag: `"${md5Hex(Buffer.from("other"))}"` }]), "InvalidPart", 400);
  });

  it("InvalidPartOrder for parts out of order or repeated", async () => {
    const bucket = await newBucket(engine.client, "mporder");
    const { uploadId, completed } = await upload(bucket, "k", [seededBytes(5 * MiB, "o1"), Buffer.from("tail")]);
    const complete = (parts: CompletedPart[]) =>
      engine.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: "k",
          UploadId: uploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
    await expectS3Error(complete([completed[1], completed[0]]), "InvalidPartOrder", 400);
    await expectS3Error(complete([completed[0], completed[0]]), "InvalidPartOrder", 400);
  });

  it("EntityTooSmall for a non-last part under 5 MiB", async () => {
    const bucket = await newBucket(engine.client, "mpsmall");
    const { uploadId, completed } = await upload(bucket, "k", [seededBytes(5 * MiB - 1, "s1"), Buffer.from("tail")]);
    await expectS3Error(
      engine.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: "k",
          UploadId: uploadId,
          MultipartUpload: { Parts: completed },
        }),
      ),
      "EntityTooSmall",
      400,
    );
  });

  it("a malformed CompleteMultipartUpload body is MalformedXML", async () => {
    const bucket = await newBucket(engine.client, "mpxml");
    const { uploadId } = await upload(bucket, "k", [Buffer.from("x")]);
    const credentials = {
      endpoint: engine.running.s3Url,
      region: engine.running.config.s3.region,
      accessKeyId: engine.accessKeyId,
      secretAccessKey: engine.secretAccessKey,
    };
    for (const body of [
      "<CompleteMultipartUpload><Part><PartNumber>1</Part>",
      "not xml at all",
      "<Other/>",
      "<CompleteMultipartUpload><Part><ETag>x</ETag></Part></CompleteMultipartUpload>",
    ]) {
      const response = await signedFetch(credentials, {
        method: "POST",
        path: `/${bucket}/k`,
        query: { uploadId },
        body: Buffer.from(body),
      });
      expect(response.status, body).toBe(400);
      expect(xmlElement(await response.text(), "Code"), body).toBe("MalformedXML");
    }
  });

  it("a part number outside 1..10000 is refused", async () => {
    const bucket = await newBucket(engine.client, "mpnum");
    const { UploadId } = await engine.client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: "k" }));
    await expectS3Error(
      engine.client.send(new UploadPartCommand({ Bucket: bucket, Key: "k", UploadId, PartNumber: 10_001, Body: "x" })),
      "InvalidArgument",
      400,
    );
    await expectS3Error(
      engine.client.send(new UploadPartCommand({ Bucket: bucket, Key: "k", UploadId, PartNumber: 0, Body: "x" })),
      "InvalidArgument",
      400,
    );
  });
});

describe("abort and lists", () => {
  it("Abort removes the upload: its parts and further calls are NoSuchUpload", async () => {
    const bucket = await newBucket(engine.client, "mpabort");
    const { uploadId, completed } = await upload(bucket, "k", [Buffer.from("x")]);
    const aborted = await engine.client.send(
      new AbortMultipartUploadCommand({ Bucket: bucket, Key: "k", UploadId: uploadId }),
    );
    expect(aborted.$metadata.httpStatusCode).toBe(204);
    await expectS3Error(
      engine.client.send(
        new UploadPartCommand({ Bucket: bucket, Key: "k", UploadId: uploadId, PartNumber: 2, Body: "y" }),
      ),
      "NoSuchUpload",
      404,
    );
    await expectS3Error(
      engine.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: "k",
          UploadId: uploadId,
          MultipartUpload: { Parts: completed },
        }),
      ),
      "NoSuchUpload",
      404,
    );
    await expectS3Error(
      engine.client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: "k", UploadId: uploadId })),
      "NoSuchUpload",
      404,
    );
    await expectS3Error(
      engine.client.send(
        new UploadPartCommand({ Bucket: bucket, Key: "k", UploadId: "not-an-upload", PartNumber: 1, Body: "y" }),
      ),
      "NoSuchUpload",
      404,
    );
    const uploads = await engine.client.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
    expect(uploads.Uploads ?? []).toEqual([]);
  });

  it("ListParts pages with max-parts and part-number-marker", async () => {
    const bucket = await newBucket(engine.client, "mpparts");
    const parts = Array.from({ length: 5 }, (_, index) => Buffer.from(`part ${index + 1}`));
    const { uploadId } = await upload(bucket, "k", parts);
    const first = await engine.client.send(
      new ListPartsCommand({ Bucket: bucket, Key: "k", UploadId: uploadId, MaxParts: 2 }),
    );
    expect(first.Parts?.map((part) => part.PartNumber)).toEqual([1, 2]);
    expect(first.IsTruncated).toBe(true);
    expect(first.NextPartNumberMarker).toBe("2");
    expect(first.Parts?.[0].Size).toBe(parts[0].length);
    expect(first.Parts?.[0].ETag).toBe(`"${md5Hex(parts[0])}"`);
    const rest = await engine.client.send(
      new ListPartsCommand({
        Bucket: bucket,
        Key: "k",
        UploadId: uploadId,
        PartNumberMarker: first.NextPartNumberMarker,
      }),
    );
    expect(rest.Parts?.map((part) => part.PartNumber)).toEqual([3, 4, 5]);
    expect(rest.IsTruncated).toBe(false);
  });

  it("ListMultipartUploads lists uploads in progress, with prefix and paging", async () => {
    const bucket = await newBucket(engine.client, "mplist");
    const ids: Record<string, string> = {};
    for (const key of ["a/1", "a/2", "b/1"]) {
      const { UploadId } = await engine.client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
      ids[key] = UploadId ?? "";
    }
    const all = await engine.client.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
    expect(all.Uploads?.map((entry) => [entry.Key, entry.UploadId])).toEqual(Object.entries(ids));
    const underA = await engine.client.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: "a/" }));
    expect(underA.Uploads?.map((entry) => entry.Key)).toEqual(["a/1", "a/2"]);
    const page = await engine.client.send(new ListMultipartUploadsCommand({ Bucket: bucket, MaxUploads: 2 }));
    expect(page.IsTruncated).toBe(true);
    const next = await engine.client.send(
      new ListMultipartUploadsCommand({
        Bucket: bucket,
        KeyMarker: page.NextKeyMarker,
        UploadIdMarker: page.NextUploadIdMarker,
      }),
    );
    expect(next.Uploads?.map((entry) => entry.Key)).toEqual(["b/1"]);
    const grouped = await engine.client.send(new ListMultipartUploadsCommand({ Bucket: bucket, Delimiter: "/" }));
    expect(grouped.CommonPrefixes?.map((prefix) => prefix.Prefix)).toEqual(["a/", "b/"]);
  });
});
