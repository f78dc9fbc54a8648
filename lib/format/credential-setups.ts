import type { Snippet } from "./client-config";
import { boto3Snippet, rcloneSnippet, secretPlaceholder } from "./client-config";

/**
 * Client set-ups for a project credential, as the seed (Cleura's page) writes them, with
 * this Carport's endpoint and region: an aws profile named after the region and
 * `--endpoint-url` on each call, an mc alias named after the region, an s3cmd
 * configuration file of its own (`s3cmd -c ~/.s3cfg-<region>`), an rclone remote and
 * boto3. Both sides: the S3 credentials page renders them, unit tests read them.
 */
export interface CredentialSetupInput {
  endpoint: string;
  region: string;
  accessKeyId: string;
  /** null until revealed: the set-ups then carry a placeholder. */
  secretAccessKey: string | null;
}

/** A profile, alias or file name from the region: what shells and INI sections accept. */
export function profileName(region: string): string {
  const cleaned = region.replace(/[^A-Za-z0-9_.-]/g, "-");
  return cleaned === "" ? "carport" : cleaned;
}

function parts(input: CredentialSetupInput) {
  const url = new URL(input.endpoint);
  return {
    profile: profileName(input.region),
    endpoint: input.endpoint.replace(/\/+$/, ""),
    hostPort: url.host,
    https: url.protocol === "https:",
    secret: input.secretAccessKey ?? secretPlaceholder,
  };
}

export function awsProfileSetup(input: CredentialSetupInput): Snippet {
  const p = parts(input);
  const text = [
    `aws configure set --profile ${p.profile} aws_access_key_id ${input.accessKeyId}`,
    `aws configure set --profile ${p.profile} aws_secret_access_key ${p.secret}`,
    `aws configure set --profile ${p.profile} region ${input.region}`,
    "",
    "# the profile cannot hold the endpoint: add --endpoint-url to each call",
    `aws --profile ${p.profile} --endpoint-url ${p.endpoint} s3api list-buckets`,
    `aws --profile ${p.profile} --endpoint-url ${p.endpoint} s3 mb s3://my-new-bucket`,
  ].join("\n");
  return { id: "aws-cli", title: "aws-cli", where: "a shell", language: "shell", text: `${text}\n` };
}

export function mcAliasSetup(input: CredentialSetupInput): Snippet {
  const p = parts(input);
  const text = [`mc alias set ${p.profile} ${p.endpoint} ${input.accessKeyId} ${p.secret}`, `mc ls ${p.profile}`].join(
    "\n",
  );
  return { id: "mc", title: "MinIO client (mc)", where: "a shell", language: "shell", text: `${text}\n` };
}

export function s3cmdFileSetup(input: CredentialSetupInput): Snippet {
  const p = parts(input);
  const text = [
    "[default]",
    `access_key = ${input.accessKeyId}`,
    `secret_key = ${p.secret}`,
    `host_base = ${p.hostPort}`,
    `host_bucket = ${p.hostPort}`,
    `bucket_location = ${input.region}`,
    `use_https = ${p.https ? "True" : "False"}`,
    "signature_v2 = False",
    "",
    `# then: s3cmd -c ~/.s3cfg-${p.profile} ls`,
  ].join("\n");
  return { id: "s3cmd", title: "s3cmd", where: `~/.s3cfg-${p.profile}`, language: "ini", text: `${text}\n` };
}

export function credentialSetups(input: CredentialSetupInput): Snippet[] {
  const common = { ...input, bucket: "my-bucket", profile: profileName(input.region) };
  return [
    awsProfileSetup(input),
    mcAliasSetup(input),
    s3cmdFileSetup(input),
    rcloneSnippet(common),
    boto3Snippet(common),
  ];
}
