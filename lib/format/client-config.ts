import { bucketInfo, type BucketInfo } from "./bucket-info";

/**
 * Ready-to-paste client configuration for one bucket and one key. Both sides: the
 * Connect panel renders these, and unit tests parse them. Path-style addressing
 * everywhere: a Garage-compatible endpoint without a root domain has no virtual hosts.
 */
export interface ClientConfigInput {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  /** null until revealed: snippets then carry a placeholder. */
  secretAccessKey: string | null;
  /** The profile / alias / remote name used in snippets. */
  profile?: string;
}

export type SnippetId = "aws-cli" | "mc" | "rclone" | "s3cmd" | "boto3" | "aws-sdk-js" | "cosi";

export interface Snippet {
  id: SnippetId;
  title: string;
  /** Where the text goes, e.g. "~/.aws/credentials + ~/.aws/config". */
  where: string;
  language: "ini" | "shell" | "python" | "typescript" | "json";
  text: string;
}

export const secretPlaceholder = "REVEAL_THE_SECRET_KEY";

function parts(input: ClientConfigInput) {
  const url = new URL(input.endpoint);
  return {
    ...input,
    profile: input.profile ?? "carport",
    secret: input.secretAccessKey ?? secretPlaceholder,
    endpoint: input.endpoint.replace(/\/+$/, ""),
    hostPort: url.host,
    https: url.protocol === "https:",
  };
}

export function awsCliSnippet(input: ClientConfigInput): Snippet {
  const p = parts(input);
  const text = [
    "# ~/.aws/credentials",
    `[${p.profile}]`,
    `aws_access_key_id = ${p.accessKeyId}`,
    `aws_secret_access_key = ${p.secret}`,
    "",
    "# ~/.aws/config",
    `[profile ${p.profile}]`,
    `region = ${p.region}`,
    `endpoint_url = ${p.endpoint}`,
    "s3 =",
    "    addressing_style = path",
    "",
    "# then:",
    `# aws --profile ${p.profile} --endpoint-url ${p.endpoint} s3 ls s3://${p.bucket}/`,
  ].join("\n");
  return {
    id: "aws-cli",
    title: "aws-cli",
    where: "~/.aws/credentials and ~/.aws/config",
    language: "ini",
    text: `${text}\n`,
  };
}

export function mcSnippet(input: ClientConfigInput): Snippet {
  const p = parts(input);
  const text = [
    `mc alias set ${p.profile} ${p.endpoint} ${p.accessKeyId} ${p.secret} --api S3v4 --path on`,
    `mc ls ${p.profile}/${p.bucket}`,
  ].join("\n");
  return { id: "mc", title: "MinIO client (mc)", where: "a shell", language: "shell", text: `${text}\n` };
}

export function rcloneSnippet(input: ClientConfigInput): Snippet {
  const p = parts(input);
  const text = [
    `[${p.profile}]`,
    "type = s3",
    "provider = Other",
    `access_key_id = ${p.accessKeyId}`,
    `secret_access_key = ${p.secret}`,
    `endpoint = ${p.endpoint}`,
    `region = ${p.region}`,
    "force_path_style = true",
    "acl = private",
    "",
    `# then: rclone ls ${p.profile}:${p.bucket}`,
  ].join("\n");
  return { id: "rclone", title: "rclone", where: "~/.config/rclone/rclone.conf", language: "ini", text: `${text}\n` };
}

export function s3cmdSnippet(input: ClientConfigInput): Snippet {
  const p = parts(input);
  const text = [
    "[default]",
    `access_key = ${p.accessKeyId}`,
    `secret_key = ${p.secret}`,
    `host_base = ${p.hostPort}`,
    `host_bucket = ${p.hostPort}`,
    `bucket_location = ${p.region}`,
    `use_https = ${p.https ? "True" : "False"}`,
    "signature_v2 = False",
    "",
    `# then: s3cmd ls s3://${p.bucket}`,
  ].join("\n");
  return { id: "s3cmd", title: "s3cmd", where: "~/.s3cfg", language: "ini", text: `${text}\n` };
}

export function boto3Snippet(input: ClientConfigInput): Snippet {
  const p = parts(input);
  const text = [
    "import boto3",
    "from botocore.config import Config",
    "",
    "s3 = boto3.client(",
    '    "s3",',
    `    endpoint_url=${JSON.stringify(p.endpoint)},`,
    `    region_name=${JSON.stringify(p.region)},`,
    `    aws_access_key_id=${JSON.stringify(p.accessKeyId)},`,
    `    aws_secret_access_key=${JSON.stringify(p.secret)},`,
    '    config=Config(s3={"addressing_style": "path"}),',
    ")",
    "",
    `for item in s3.list_objects_v2(Bucket=${JSON.stringify(p.bucket)}).get("Contents", []):`,
    '    print(item["Key"], item["Size"])',
  ].join("\n");
  return { id: "boto3", title: "Python (boto3)", where: "a Python file", language: "python", text: `${text}\n` };
}

export function awsSdkJsSnippet(input: ClientConfigInput): Snippet {
  const p = parts(input);
  const text = [
    'import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";',
    "",
    "const s3 = new S3Client({",
    `  endpoint: ${JSON.stringify(p.endpoint)},`,
    `  region: ${JSON.stringify(p.region)},`,
    "  forcePathStyle: true,",
    "  credentials: {",
    `    accessKeyId: ${JSON.stringify(p.accessKeyId)},`,
    `    secretAccessKey: ${JSON.stringify(p.secret)},`,
    "  },",
    "});",
    "",
    `const listing = await s3.send(new ListObjectsV2Command({ Bucket: ${JSON.stringify(p.bucket)} }));`,
    "console.log(listing.Contents ?? []);",
  ].join("\n");
  return {
    id: "aws-sdk-js",
    title: "TypeScript (@aws-sdk/client-s3)",
    where: "a TypeScript module",
    language: "typescript",
    text: `${text}\n`,
  };
}

/** COSI v1alpha1 `BucketInfo`: the JSON a COSI sidecar writes into the access Secret, as a Hikube secret holds it. */
export function cosiBucketInfo(input: ClientConfigInput): BucketInfo {
  const p = parts(input);
  return bucketInfo({
    name: `bc-${p.bucket}`,
    bucketName: p.bucket,
    endpoint: p.endpoint,
    region: p.region,
    accessKeyId: p.accessKeyId,
    secretAccessKey: p.secret,
  });
}

export function cosiSnippet(input: ClientConfigInput): Snippet {
  return {
    id: "cosi",
    title: "Kubernetes (COSI BucketInfo)",
    where: "the BucketInfo key of an Opaque Secret",
    language: "json",
    text: `${JSON.stringify(cosiBucketInfo(input), null, 2)}\n`,
  };
}

export function allSnippets(input: ClientConfigInput): Snippet[] {
  return [awsCliSnippet, mcSnippet, rcloneSnippet, s3cmdSnippet, boto3Snippet, awsSdkJsSnippet, cosiSnippet].map(
    (make) => make(input),
  );
}
