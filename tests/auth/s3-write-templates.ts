import {
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectAclCommand,
  GetObjectTaggingCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  type S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { rfc3986 } from "../../server/s3/sigv4/testing";
import { bucketSettingTemplates, tagging } from "./s3-bucket-setting-templates";
import type { SignSpec } from "./sigv4-signer";

/**
 * Every S3 write operation as a template for the authentication matrix: how to
 * prepare a target, the request (unsigned), and whether it took effect. A refused
 * request must leave `tookEffect` false; the same request correctly signed must
 * make it true.
 */

export type Signing = Pick<SignSpec, "host" | "accessKeyId" | "secretAccessKey" | "region" | "date" | "form">;
export type UnsignedRequest = Omit<SignSpec, keyof Signing>;

export interface Template {
  prepare(): Promise<{ request: UnsignedRequest; tookEffect(): Promise<boolean> }>;
}

/** Operations the SigV4 matrix does not send, and the test that covers their authentication instead. */
export const coveredElsewhere: Readonly<Record<string, string>> = {
  PostObject: "tests/auth/post-policy-matrix.test.ts (browser form uploads sign a policy, not the request)",
};

export function writeTemplates(client: S3Client, bucket: string): Record<string, Template> {
  let counter = 0;
  const unique = (prefix: string) => `${prefix}-${(counter += 1)}`;
  const objectPath = (key: string) => `/${bucket}/${rfc3986(key)}`;
  const engine = { client };

  const exists = (key: string) =>
    engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(
      () => true,
      () => false,
    );
  const bucketExists = (name: string) =>
    engine.client.send(new HeadBucketCommand({ Bucket: name })).then(
      () => true,
      () => false,
    );
  async function putObject(key: string): Promise<void> {
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: `body of ${key}` }));
  }
  async function openUpload(key: string, withPart: boolean): Promise<{ uploadId: string; etag: string }> {
    const created = await engine.client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
    const uploadId = created.UploadId ?? "";
    if (!withPart) return { uploadId, etag: "" };
    const part = await engine.client.send(
      new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber: 1, Body: "part one" }),
    );
    return { uploadId, etag: part.ETag ?? "" };
  }
  async function partCount(key: string, uploadId: string): Promise<number> {
    const listed = await engine.client.send(new ListPartsCommand({ Bucket: bucket, Key: key, UploadId: uploadId }));
    return listed.Parts?.length ?? 0;
  }
  async function uploadOpen(key: string, uploadId: string): Promise<boolean> {
    const listed = await engine.client.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: key }));
    return (listed.Uploads ?? []).some((upload) => upload.UploadId === uploadId);
  }

  const templates: Record<string, Template> = {
    PutObject: {
      async prepare() {
        const key = unique("put");
        return {
          request: { method: "PUT", path: objectPath(key), body: Buffer.from("new bytes") },
          tookEffect: () => exists(key),
        };
      },
    },
    DeleteObject: {
      async prepare() {
        const key = unique("delete");
        await putObject(key);
        return { request: { method: "DELETE", path: objectPath(key) }, tookEffect: async () => !(await exists(key)) };
      },
    },
    DeleteObjects: {
      async prepare() {
        const key = unique("multi-delete");
        await putObject(key);
        const body = Buffer.from(`<Delete><Object><Key>${key}</Key></Object></Delete>`);
        return {
          request: { method: "POST", path: `/${bucket}`, query: { delete: "" }, body },
          tookEffect: async () => !(await exists(key)),
        };
      },
    },
    CopyObject: {
      async prepare() {
        const source = unique("copy-source");
        const target = unique("copy-target");
        await putObject(source);
        return {
          request: {
            method: "PUT",
            path: objectPath(target),
            headers: { "x-amz-copy-source": `/${bucket}/${source}` },
          },
          tookEffect: () => exists(target),
        };
      },
    },
    CreateMultipartUpload: {
      async prepare() {
        const key = unique("create-upload");
        return {
          request: { method: "POST", path: objectPath(key), query: { uploads: "" } },
          tookEffect: async () =>
            ((await engine.client.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: key }))).Uploads ?? [])
              .length > 0,
        };
      },
    },
    UploadPart: {
      async prepare() {
        const key = unique("upload-part");
        const { uploadId } = await openUpload(key, false);
        return {
          request: {
            method: "PUT",
            path: objectPath(key),
            query: { partNumber: "1", uploadId },
            body: Buffer.from("a part"),
          },
          tookEffect: async () => (await partCount(key, uploadId)) > 0,
        };
      },
    },
    UploadPartCopy: {
      async prepare() {
        const source = unique("part-copy-source");
        const key = unique("part-copy");
        await putObject(source);
        const { uploadId } = await openUpload(key, false);
        return {
          request: {
            method: "PUT",
            path: objectPath(key),
            query: { partNumber: "1", uploadId },
            headers: { "x-amz-copy-source": `/${bucket}/${source}` },
          },
          tookEffect: async () => (await partCount(key, uploadId)) > 0,
        };
      },
    },
    CompleteMultipartUpload: {
      async prepare() {
        const key = unique("complete");
        const { uploadId, etag } = await openUpload(key, true);
        const body = Buffer.from(
          `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${etag}</ETag></Part></CompleteMultipartUpload>`,
        );
        return {
          request: { method: "POST", path: objectPath(key), query: { uploadId }, body },
          tookEffect: () => exists(key),
        };
      },
    },
    AbortMultipartUpload: {
      async prepare() {
        const key = unique("abort");
        const { uploadId } = await openUpload(key, true);
        return {
          request: { method: "DELETE", path: objectPath(key), query: { uploadId } },
          tookEffect: async () => !(await uploadOpen(key, uploadId)),
        };
      },
    },
    CreateBucket: {
      async prepare() {
        const name = unique(`${bucket}-new`);
        return { request: { method: "PUT", path: `/${name}` }, tookEffect: () => bucketExists(name) };
      },
    },
    DeleteBucket: {
      async prepare() {
        const name = unique(`${bucket}-gone`);
        await engine.client.send(new CreateBucketCommand({ Bucket: name }));
        return { request: { method: "DELETE", path: `/${name}` }, tookEffect: async () => !(await bucketExists(name)) };
      },
    },
    ...bucketSettingTemplates(client, unique),
    ...objectSettingTemplates(client, bucket, unique, objectPath, putObject),
  };
  return templates;
}

function objectSettingTemplates(
  client: S3Client,
  bucket: string,
  unique: (prefix: string) => string,
  objectPath: (key: string) => string,
  putObject: (key: string) => Promise<void>,
): Record<string, Template> {
  const objectTags = async (key: string) =>
    ((await client.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key }))).TagSet ?? []).length;
  return {
    PutObjectAcl: {
      async prepare() {
        const key = unique("acl");
        await putObject(key);
        return {
          request: {
            method: "PUT",
            path: objectPath(key),
            query: { acl: "" },
            headers: { "x-amz-acl": "public-read" },
          },
          tookEffect: async () =>
            ((await client.send(new GetObjectAclCommand({ Bucket: bucket, Key: key }))).Grants ?? []).some((grant) =>
              grant.Grantee?.URI?.endsWith("AllUsers"),
            ),
        };
      },
    },
    PutObjectTagging: {
      async prepare() {
        const key = unique("tag");
        await putObject(key);
        return {
          request: { method: "PUT", path: objectPath(key), query: { tagging: "" }, body: Buffer.from(tagging) },
          tookEffect: async () => (await objectTags(key)) > 0,
        };
      },
    },
    DeleteObjectTagging: {
      async prepare() {
        const key = unique("untag");
        await putObject(key);
        await client.send(
          new PutObjectTaggingCommand({
            Bucket: bucket,
            Key: key,
            Tagging: { TagSet: [{ Key: "matrix", Value: "yes" }] },
          }),
        );
        return {
          request: { method: "DELETE", path: objectPath(key), query: { tagging: "" } },
          tookEffect: async () => (await objectTags(key)) === 0,
        };
      },
    },
  };
}
