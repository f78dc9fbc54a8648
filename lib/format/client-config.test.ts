import { spawnSync } from "node:child_process";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import {
  allSnippets,
  awsCliSnippet,
  awsSdkJsSnippet,
  boto3Snippet,
  cosiBucketInfo,
  mcSnippet,
  rcloneSnippet,
  s3cmdSnippet,
  secretPlaceholder,
  type ClientConfigInput,
} from "./client-config";

const input: ClientConfigInput = {
  endpoint: "http://127.0.0.1:3900/",
  region: "garage",
  bucket: "photos",
  accessKeyId: "GK0123456789abcdef01234567",
  secretAccessKey: "f".repeat(64),
};

/** A small INI reader: sections, `key = value`, indented continuation lines as nested keys. */
function parseIni(text: string): Record<string, Record<string, string>> {
  const sections: Record<string, Record<string, string>> = {};
  let current: Record<string, string> | null = null;
  let lastKey = "";
  for (const line of text.split("\n")) {
    if (/^\s*(#|;|$)/.test(line)) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      current = sections[section[1]] = {};
      continue;
    }
    const pair = /^(\s*)([\w.-]+)\s*=\s*(.*)$/.exec(line);
    if (!pair || !current) throw new Error(`not INI: ${line}`);
    if (pair[1]) current[`${lastKey}.${pair[2]}`] = pair[3];
    else current[(lastKey = pair[2])] = pair[3];
  }
  return sections;
}

const hasPython = spawnSync("python3", ["-c", "import configparser, ast"]).status === 0;

function python(script: string, stdin: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync("python3", ["-c", script], { input: stdin, encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("client configuration snippets", () => {
  it("aws-cli: a credentials profile and a config profile with the endpoint and path style", () => {
    const text = awsCliSnippet(input).text;
    const [credentials, config] = text.split("# ~/.aws/config");
    expect(parseIni(credentials).carport).toEqual({
      aws_access_key_id: input.accessKeyId,
      aws_secret_access_key: input.secretAccessKey,
    });
    expect(parseIni(config)["profile carport"]).toEqual({
      region: "garage",
      endpoint_url: "http://127.0.0.1:3900",
      s3: "",
      "s3.addressing_style": "path",
    });
    expect(text).toContain("--endpoint-url http://127.0.0.1:3900 s3 ls s3://photos/");
  });

  it.skipIf(!hasPython)("aws-cli: both files parse with Python's configparser, as botocore reads them", () => {
    const script =
      "import configparser,sys\nc=configparser.RawConfigParser()\nc.read_string(sys.stdin.read())\nprint(';'.join(s+':'+','.join(sorted(c[s])) for s in c.sections()))";
    const result = python(script, awsCliSnippet(input).text);
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe(
      "carport:aws_access_key_id,aws_secret_access_key;profile carport:endpoint_url,region,s3",
    );
  });

  it("mc: an alias with path-style requests", () => {
    expect(mcSnippet(input).text).toBe(
      `mc alias set carport http://127.0.0.1:3900 ${input.accessKeyId} ${input.secretAccessKey} --api S3v4 --path on\nmc ls carport/photos\n`,
    );
  });

  it("rclone: an s3 remote section", () => {
    expect(parseIni(rcloneSnippet(input).text).carport).toMatchObject({
      type: "s3",
      access_key_id: input.accessKeyId,
      secret_access_key: input.secretAccessKey,
      endpoint: "http://127.0.0.1:3900",
      region: "garage",
      force_path_style: "true",
    });
  });

  it("s3cmd: host and bucket host without a scheme, https off for http", () => {
    expect(parseIni(s3cmdSnippet(input).text).default).toMatchObject({
      host_base: "127.0.0.1:3900",
      host_bucket: "127.0.0.1:3900",
      use_https: "False",
      bucket_location: "garage",
    });
    expect(parseIni(s3cmdSnippet({ ...input, endpoint: "https://s3.example.com" }).text).default.use_https).toBe(
      "True",
    );
  });

  it.skipIf(!hasPython)("boto3: valid Python naming every value", () => {
    const result = python("import ast,sys\nast.parse(sys.stdin.read())\nprint('ok')", boto3Snippet(input).text);
    expect(result.stdout.trim()).toBe("ok");
    expect(boto3Snippet(input).text).toContain(`aws_secret_access_key="${input.secretAccessKey}"`);
  });

  it("@aws-sdk/client-s3: TypeScript without syntax errors", () => {
    const text = awsSdkJsSnippet(input).text;
    const output = ts.transpileModule(text, {
      reportDiagnostics: true,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    expect(output.diagnostics ?? []).toEqual([]);
    expect(text).toContain("forcePathStyle: true");
  });

  it("COSI BucketInfo has the v1alpha1 shape Hikube's secrets show (KEY, s3)", () => {
    expect(cosiBucketInfo(input)).toEqual({
      metadata: { name: "bc-photos", creationTimestamp: null },
      spec: {
        bucketName: "photos",
        authenticationType: "KEY",
        secretS3: {
          endpoint: "http://127.0.0.1:3900",
          region: "garage",
          accessKeyID: input.accessKeyId,
          accessSecretKey: input.secretAccessKey,
        },
        secretAzure: null,
        protocols: ["s3"],
      },
    });
  });

  it("an unrevealed secret becomes a placeholder in every snippet", () => {
    for (const snippet of allSnippets({ ...input, secretAccessKey: null })) {
      expect(snippet.text).toContain(secretPlaceholder);
      expect(snippet.text).not.toContain(input.secretAccessKey);
    }
  });
});
