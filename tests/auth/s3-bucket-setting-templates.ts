import {
  CreateBucketCommand,
  GetBucketAclCommand,
  GetBucketCorsCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetBucketWebsiteCommand,
  GetPublicAccessBlockCommand,
  PutBucketCorsCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketWebsiteCommand,
  PutPublicAccessBlockCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import type { Template } from "./s3-write-templates";

/**
 * The bucket-setting write operations of the authentication matrix (policy, ACL,
 * ownership, public access block, versioning, CORS, lifecycle, website, tags), each
 * on a fresh bucket owned by the matrix's key.
 */

const succeeds = (call: Promise<unknown>) =>
  call.then(
    () => true,
    () => false,
  );

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
export const tagging = "<Tagging><TagSet><Tag><Key>matrix</Key><Value>yes</Value></Tag></TagSet></Tagging>";
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

export function bucketSettingTemplates(client: S3Client, unique: (prefix: string) => string): Record<string, Template> {
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
