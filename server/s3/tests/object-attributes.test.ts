import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectAttributesCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { expectS3Error, md5Hex, newBucket, seededBytes, sharedS3TestEngine, signedFetch } from "./helpers";

/** GetObjectAttributes: ETag, Checksum, ObjectParts (paged), StorageClass, ObjectSize, of any version. */

const engine = sharedS3TestEngine();
const all = ["ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize"] as const;

describe("GetObjectAttributes", () => {
  it("answers a single PUT's attributes, without parts", async () => {
    const bucket = await newBucket(engine.client, "attrs");
    const body = seededBytes(3000, "attrs");
    const put = await engine.client.send(
      new PutObjectCommand({ Bucket: bucket, Key: "k", Body: body, ChecksumAlgorithm: "CRC32" }),
    );
    const attributes = await engine.client.send(
      new GetObjectAttributesCommand({ Bucket: bucket, Key: "k", ObjectAttributes: [...all] }),
    );
    expect(attributes.ETag).toBe(md5Hex(body));
    expect(attributes.Checksum).toEqual({ ChecksumCRC32: put.ChecksumCRC32, ChecksumType: "FULL_OBJECT" });
    expect(attributes.StorageClass).toBe("STANDARD");
    expect(attributes.ObjectSize).toBe(3000);
    expect(attributes.ObjectParts).toBeUndefined();
    expect(attributes.LastModified).toBeInstanceOf(Date);
    const sizeOnly = await engine.client.send(
      new GetObjectAttributesCommand({ Bucket: bucket, Key: "k", ObjectAttributes: ["ObjectSize"] }),
    );
    expect(sizeOnly).toMatchObject({ ObjectSize: 3000 });
    expect(sizeOnly.ETag).toBeUndefined();
  });

  it("pages a multipart object's parts with their checksums", async () => {
    const bucket = await newBucket(engine.client, "attrparts");
    const upload = await engine.client.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: "mpu", ChecksumAlgorithm: "CRC32" }),
    );
    const sizes = [5 * 1024 * 1024, 5 * 1024 * 1024, 10];
    const parts = [];
    for (const [index, sizeBytes] of sizes.entries()) {
      const uploaded = await engine.client.send(
        new UploadPartCommand({
          Bucket: bucket,
          Key: "mpu",
          UploadId: upload.UploadId,
          PartNumber: index + 1,
          Body: seededBytes(sizeBytes, `part ${index}`),
          ChecksumAlgorithm: "CRC32",
        }),
      );
      parts.push({ PartNumber: index + 1, ETag: uploaded.ETag, ChecksumCRC32: uploaded.ChecksumCRC32 });
    }
    await engine.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: "mpu",
        UploadId: upload.UploadId,
        MultipartUpload: { Parts: parts },
      }),
    );
    const first = await engine.client.send(
      new GetObjectAttributesCommand({ Bucket: bucket, Key: "mpu", ObjectAttributes: [...all], MaxParts: 2 }),
    );
    expect(first.ObjectSize).toBe(sizes.reduce((sum, size) => sum + size, 0));
    expect(first.ETag).toMatch(/^[0-9a-f]{32}-3$/);
    expect(first.Checksum?.ChecksumType).toBe("COMPOSITE");
    expect(first.ObjectParts).toMatchObject({ TotalPartsCount: 3, MaxParts: 2, IsTruncated: true });
    expect(first.ObjectParts?.Parts).toEqual([
      { PartNumber: 1, Size: sizes[0], ChecksumCRC32: parts[0].ChecksumCRC32 },
      { PartNumber: 2, Size: sizes[1], ChecksumCRC32: parts[1].ChecksumCRC32 },
    ]);
    const rest = await engine.client.send(
      new GetObjectAttributesCommand({
        Bucket: bucket,
        Key: "mpu",
        ObjectAttributes: ["ObjectParts"],
        PartNumberMarker: first.ObjectParts?.NextPartNumberMarker,
      }),
    );
    expect(rest.ObjectParts?.IsTruncated).toBe(false);
    expect(rest.ObjectParts?.Parts?.map((part) => part.PartNumber)).toEqual([3]);
  });

  it("answers a named version, and a hidden key as missing", async () => {
    const bucket = await newBucket(engine.client, "attrver");
    await engine.client.send(
      new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: "Enabled" } }),
    );
    const old = await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "four" }));
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "eight!!!" }));
    const named = await engine.client.send(
      new GetObjectAttributesCommand({
        Bucket: bucket,
        Key: "k",
        VersionId: old.VersionId,
        ObjectAttributes: ["ObjectSize"],
      }),
    );
    expect(named).toMatchObject({ ObjectSize: 4, VersionId: old.VersionId });
    await expectS3Error(
      engine.client.send(new GetObjectAttributesCommand({ Bucket: bucket, Key: "absent", ObjectAttributes: ["ETag"] })),
      "NoSuchKey",
      404,
    );
  });

  it("refuses a missing or unknown attribute name", async () => {
    const bucket = await newBucket(engine.client, "attrbad");
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x" }));
    const credentials = {
      endpoint: engine.running.s3Url,
      region: engine.running.config.s3.region,
      accessKeyId: engine.accessKeyId,
      secretAccessKey: engine.secretAccessKey,
    };
    const missing = await signedFetch(credentials, { method: "GET", path: `/${bucket}/k`, query: { attributes: "" } });
    expect(missing.status).toBe(400);
    const unknown = await signedFetch(credentials, {
      method: "GET",
      path: `/${bucket}/k`,
      query: { attributes: "" },
      headers: { "x-amz-object-attributes": "ETag,Colour" },
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("<Code>InvalidArgument</Code>");
  });
});
