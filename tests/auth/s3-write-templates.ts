import {
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetBucketAclCommand,
  GetBucketCorsCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetBucketWebsiteCommand,
  GetObjectAclCommand,
  GetObjectTaggingCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutBucketCorsCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketWebsiteCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  PutPublicAccessBlockCommand,
  type S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { rfc3986 } from "../../server/s3/sigv4/testing";
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

const succeeds = (call: Promise<unknown>) =>
  call.then(
    () => true,
    () => false,
  );

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

/** A fresh bucket owned by the matrix's key. */
async function freshBucket(client: S3Client, unique: (prefix: string) => string): Promise<string> {
  const name = unique("matrix-settings");
  await client.send(new CreateBucketCommand({ Bucket: name }));
  return name;
}

const policyFor = (bucket: string) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${bucket}/*` }],
  });
const tagging = "<Tagging><TagSet><Tag><Key>matrix</Key><Value>yes</Value></Tag></TagSet></Tagging>";
const cors =
  "<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>";
const lifecycle =
  "<LifecycleConfiguration><Rule><ID>expire</ID><Filter><Prefix>logs/</Prefix></Filter><Status>Enabled</Status>" +
  "<Expiration><Days>30</Days></Expiration></Rule></LifecycleConfiguration>";
const website =
  "<WebsiteConfiguration><IndexDocument><Suffix>index.html</Suffix></IndexDocument></WebsiteConfiguration>";
const ownership =
  "<OwnershipControls><Rule><ObjectOwnership>BucketOwnerPreferred</ObjectOwnership></Rule></OwnershipControls>";
const publicAccessBlock =
  "<PublicAccessBlockConfiguration><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls>" +
  "<BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>";

function bucketSettingTemplates(client: S3Client, unique: (prefix: string) => string): Record<string, Template> {
  const put = (
    query: string,
    body: string | null,
    headers: Record<string, string>,
    effect: (bucket: string) => Promise<boolean>,
    setUp?: (bucket: string) => Promise<unknown>,
  ): Template => ({
    async prepare() {
      const bucket = await freshBucket(client, unique);
      await setUp?.(bucket);
      const content = body === null ? undefined : Buffer.from(body.replace("BUCKET", bucket));
      return {
        request: { method: "PUT", path: `/${bucket}`, query: { [query]: "" }, headers, body: content },
        tookEffect: () => effect(bucket),
      };
    },
  });
  const remove = (
    query: string,
    setUp: (bucket: string) => Promise<unknown>,
    stillThere: (bucket: string) => Promise<boolean>,
  ): Template => ({
    async prepare() {
      const bucket = await freshBucket(client, unique);
      await setUp(bucket);
      return {
        request: { method: "DELETE", path: `/${bucket}`, query: { [query]: "" } },
        tookEffect: async () => !(await stillThere(bucket)),
      };
    },
  });
  const hasPolicy = (bucket: string) => succeeds(client.send(new GetBucketPolicyCommand({ Bucket: bucket })));
  const hasOwnership = (bucket: string) =>
    succeeds(client.send(new GetBucketOwnershipControlsCommand({ Bucket: bucket })));
  const hasBlock = (bucket: string) => succeeds(client.send(new GetPublicAccessBlockCommand({ Bucket: bucket })));
  const hasCors = (bucket: string) => succeeds(client.send(new GetBucketCorsCommand({ Bucket: bucket })));
  const hasWebsite = (bucket: string) => succeeds(client.send(new GetBucketWebsiteCommand({ Bucket: bucket })));
  const hasLifecycle = (bucket: string) =>
    succeeds(client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket })));
  const hasTags = async (bucket: string) =>
    ((await client.send(new GetBucketTaggingCommand({ Bucket: bucket })).catch(() => null))?.TagSet ?? []).length > 0;
  return {
    PutBucketPolicy: {
      async prepare() {
        const bucket = await freshBucket(client, unique);
        return {
          request: { method: "PUT", path: `/${bucket}`, query: { policy: "" }, body: Buffer.from(policyFor(bucket)) },
          tookEffect: () => hasPolicy(bucket),
        };
      },
    },
    DeleteBucketPolicy: remove(
      "policy",
      (bucket) => client.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: policyFor(bucket) })),
      hasPolicy,
    ),
    PutBucketAcl: put("acl", null, { "x-amz-acl": "public-read" }, async (bucket) =>
      ((await client.send(new GetBucketAclCommand({ Bucket: bucket }))).Grants ?? []).some((grant) =>
        grant.Grantee?.URI?.endsWith("AllUsers"),
      ),
    ),
    PutBucketOwnershipControls: put("ownershipControls", ownership, {}, hasOwnership),
    DeleteBucketOwnershipControls: remove(
      "ownershipControls",
      (bucket) =>
        client.send(
          new PutBucketOwnershipControlsCommand({
            Bucket: bucket,
            OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerPreferred" }] },
          }),
        ),
      hasOwnership,
    ),
    PutPublicAccessBlock: put("publicAccessBlock", publicAccessBlock, {}, hasBlock),
    DeletePublicAccessBlock: remove(
      "publicAccessBlock",
      (bucket) =>
        client.send(
          new PutPublicAccessBlockCommand({
            Bucket: bucket,
            PublicAccessBlockConfiguration: { BlockPublicAcls: true },
          }),
        ),
      hasBlock,
    ),
    PutBucketVersioning: put(
      "versioning",
      "<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>",
      {},
      async (bucket) => (await client.send(new GetBucketVersioningCommand({ Bucket: bucket }))).Status === "Enabled",
    ),
    PutBucketCors: put("cors", cors, {}, hasCors),
    DeleteBucketCors: remove(
      "cors",
      (bucket) =>
        client.send(
          new PutBucketCorsCommand({
            Bucket: bucket,
            CORSConfiguration: { CORSRules: [{ AllowedOrigins: ["*"], AllowedMethods: ["GET"] }] },
          }),
        ),
      hasCors,
    ),
    PutBucketWebsite: put("website", website, {}, hasWebsite),
    DeleteBucketWebsite: remove(
      "website",
      (bucket) =>
        client.send(
          new PutBucketWebsiteCommand({
            Bucket: bucket,
            WebsiteConfiguration: { IndexDocument: { Suffix: "index.html" } },
          }),
        ),
      hasWebsite,
    ),
    PutBucketLifecycleConfiguration: put("lifecycle", lifecycle, {}, hasLifecycle),
    DeleteBucketLifecycle: remove(
      "lifecycle",
      (bucket) =>
        client.send(
          new PutBucketLifecycleConfigurationCommand({
            Bucket: bucket,
            LifecycleConfiguration: {
              Rules: [{ ID: "expire", Status: "Enabled", Filter: { Prefix: "" }, Expiration: { Days: 1 } }],
            },
          }),
        ),
      hasLifecycle,
    ),
    PutBucketTagging: put("tagging", tagging, {}, hasTags),
    DeleteBucketTagging: remove(
      "tagging",
      (bucket) =>
        client.send(
          new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet: [{ Key: "matrix", Value: "yes" }] } }),
        ),
      hasTags,
    ),
  };
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
