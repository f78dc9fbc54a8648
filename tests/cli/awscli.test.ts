import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChildEngine } from "../../server/testing/child-engine";
import { seededBytes, seededStream } from "../crash/seeded-bytes";
import { AwsRunner, findAwsCli } from "./aws-cli";

/**
 * Issue 3's aws-cli scenario, against the real engine in its own process: the
 * commands an everyday user types, with every byte compared by SHA-256. CI installs
 * Debian's awscli; a machine without any `aws` skips loudly (and CI fails instead).
 */

const cli = findAwsCli();
if (!cli) {
  const message =
    "awscli scenario: NO `aws` BINARY FOUND (tried CARPORT_AWS_CLI, /usr/bin/aws, PATH). Install Debian's awscli: apt-get install -y awscli";
  // npm test sets CARPORT_REQUIRE_AWSCLI once it has installed (or found) Debian's awscli.
  if (process.env.CI || process.env.CARPORT_REQUIRE_AWSCLI)
    throw new Error(`${message} — required here (CI or CARPORT_REQUIRE_AWSCLI).`);
  console.warn(`\n${"!".repeat(80)}\n${message}\nSKIPPING the aws-cli scenario.\n${"!".repeat(80)}\n`);
} else {
  console.log(`awscli scenario: using ${cli.path} (${cli.version})`);
}

const bucket = "awscli-scenario";
const mib = 1024 * 1024;
const files = [
  { name: "zero.bin", sizeBytes: 0 },
  { name: "kib.bin", sizeBytes: 1024 },
  { name: "big.bin", sizeBytes: 50 * mib },
];
const tree = [
  { name: "a.txt", sizeBytes: 100 },
  { name: "b/c.bin", sizeBytes: 200 * 1024 },
  { name: "b/d e.txt", sizeBytes: 5 },
  { name: "b/deep/empty.bin", sizeBytes: 0 },
  { name: "g+h=.txt", sizeBytes: 33 * 1024 },
];

async function fileSha256(filePath: string): Promise<string> {
  const hash = crypto.createHash("sha256");
  await pipeline(fs.createReadStream(filePath), hash);
  return hash.digest("hex");
}

/** `aws s3 ls` lines as names ("PRE x/" for common prefixes) with sizes. */
function parseLs(stdout: string): { name: string; sizeBytes: number | null }[] {
  return stdout
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const prefix = /^\s+PRE (.+)$/.exec(line);
      if (prefix) return { name: `PRE ${prefix[1]}`, sizeBytes: null };
      const object = /^\S+ \S+\s+(\d+) (.+)$/.exec(line);
      if (!object) throw new Error(`unexpected aws s3 ls line: ${JSON.stringify(line)}`);
      return { name: object[2], sizeBytes: Number(object[1]) };
    });
}

function uploads(stdout: string): string[] {
  return stdout.split("\n").filter((line) => line.startsWith("upload:"));
}

function curlDownload(url: string, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile("curl", ["-sS", "--fail-with-body", "-o", target, url], { timeout: 120_000 }, (error, _stdout, stderr) => {
      if (error)
        reject(
          new Error(
            `curl ${url} failed: ${error.message}\n${stderr}\n${fs.existsSync(target) ? fs.readFileSync(target, "utf8").slice(0, 2000) : ""}`,
          ),
        );
      else resolve();
    });
  });
}

describe.skipIf(!cli)("aws-cli scenario against a child engine", () => {
  let engine: ChildEngine;
  let aws: AwsRunner;
  let work: string;
  const s3 = (key = "") => `s3://${bucket}/${key}`;
  const local = (...parts: string[]) => path.join(work, ...parts);

  beforeAll(async () => {
    if (!cli) throw new Error("unreachable: the suite is skipped without an aws binary");
    engine = await ChildEngine.start();
    work = path.join(engine.rootDir, "work");
    const key = await engine.createKey("awscli", true);
    aws = new AwsRunner(cli, { ...key, region: engine.region, endpointUrl: engine.s3Url, homeDir: local("aws-home") });
    fs.mkdirSync(local("up"), { recursive: true });
    fs.mkdirSync(local("down"), { recursive: true });
    for (const file of files)
      await pipeline(seededStream(`awscli/${file.name}`, file.sizeBytes), fs.createWriteStream(local("up", file.name)));
    for (const file of tree) {
      fs.mkdirSync(path.dirname(local("tree", file.name)), { recursive: true });
      fs.writeFileSync(local("tree", file.name), seededBytes(`awscli/tree/${file.name}`, file.sizeBytes));
    }
  });

  afterAll(async () => {
    await engine?.cleanup();
  });

  it("mb creates the bucket", async () => {
    await aws.run(["s3", "mb", s3()]);
    const listed = await aws.run(["s3", "ls"]);
    expect(listed.stdout).toMatch(new RegExp(` ${bucket}$`, "m"));
  });

  it("cp uploads 0 B, 1 KiB and 50 MiB (multipart) and downloads the same bytes", { timeout: 300_000 }, async () => {
    for (const file of files)
      await aws.run(["s3", "cp", "--no-progress", local("up", file.name), s3(`files/${file.name}`)]);
    // aws-cli switches to multipart above 8 MiB: S3's multipart ETag ends in -<parts>.
    const head = JSON.parse(
      (await aws.run(["s3api", "head-object", "--bucket", bucket, "--key", "files/big.bin"])).stdout,
    ) as { ETag: string; ContentLength: number };
    expect(head.ContentLength).toBe(50 * mib);
    expect(head.ETag).toMatch(/^"[0-9a-f]{32}-\d+"$/);
    for (const file of files) {
      await aws.run(["s3", "cp", "--no-progress", s3(`files/${file.name}`), local("down", file.name)]);
      expect(fs.statSync(local("down", file.name)).size, file.name).toBe(file.sizeBytes);
      expect(await fileSha256(local("down", file.name)), file.name).toBe(await fileSha256(local("up", file.name)));
    }
  });

  it("ls lists common prefixes, objects under a prefix, and a partial-name prefix", async () => {
    expect(parseLs((await aws.run(["s3", "ls", s3()])).stdout)).toEqual([{ name: "PRE files/", sizeBytes: null }]);
    const underFiles = parseLs((await aws.run(["s3", "ls", s3("files/")])).stdout);
    expect(underFiles).toEqual(
      [...files]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((file) => ({ name: file.name, sizeBytes: file.sizeBytes })),
    );
    expect(parseLs((await aws.run(["s3", "ls", s3("files/k")])).stdout)).toEqual([
      { name: "kib.bin", sizeBytes: 1024 },
    ]);
    const recursive = parseLs((await aws.run(["s3", "ls", "--recursive", s3()])).stdout).map((entry) => entry.name);
    expect(recursive.sort()).toEqual(files.map((file) => `files/${file.name}`).sort());
  });

  it("sync uploads a folder once; a second sync uploads nothing; a changed file alone goes again", async () => {
    const first = await aws.run(["s3", "sync", "--no-progress", local("tree"), s3("tree/")]);
    expect(uploads(first.stdout)).toHaveLength(tree.length);
    const second = await aws.run(["s3", "sync", "--no-progress", local("tree"), s3("tree/")]);
    expect(uploads(second.stdout)).toEqual([]);
    fs.writeFileSync(local("tree", "a.txt"), seededBytes("awscli/tree/a.txt#2", 150));
    const third = await aws.run(["s3", "sync", "--no-progress", local("tree"), s3("tree/")]);
    expect(uploads(third.stdout)).toHaveLength(1);
    await aws.run(["s3", "sync", "--no-progress", s3("tree/"), local("tree-down")]);
    for (const file of tree)
      expect(await fileSha256(local("tree-down", file.name)), file.name).toBe(
        await fileSha256(local("tree", file.name)),
      );
  });

  it("presign gives URLs that curl downloads byte for byte", { timeout: 120_000 }, async () => {
    for (const name of ["kib.bin", "big.bin"]) {
      const url = (await aws.run(["s3", "presign", s3(`files/${name}`), "--expires-in", "600"])).stdout.trim();
      expect(url).toMatch(/X-Amz-Signature=/);
      await curlDownload(url, local("down", `curl-${name}`));
      expect(await fileSha256(local("down", `curl-${name}`)), name).toBe(await fileSha256(local("up", name)));
    }
  });

  it(
    "cp copies a 20 MiB object inside the bucket (s3 to s3), bytes and tags with it",
    { timeout: 300_000 },
    async () => {
      await pipeline(seededStream("awscli/twenty.bin", 20 * mib), fs.createWriteStream(local("up", "twenty.bin")));
      await aws.run(["s3", "cp", "--no-progress", local("up", "twenty.bin"), s3("copies/twenty.bin")]);
      await aws.run([
        "s3api",
        "put-object-tagging",
        "--bucket",
        bucket,
        "--key",
        "copies/twenty.bin",
        "--tagging",
        "TagSet=[{Key=origin,Value=upload}]",
      ]);
      // The transfer manager copies in parts (UploadPartCopy) and reads the source's tags first.
      await aws.run(["s3", "cp", "--no-progress", s3("copies/twenty.bin"), s3("copies/twenty-copy.bin")]);
      await aws.run(["s3", "cp", "--no-progress", s3("copies/twenty-copy.bin"), local("down", "twenty-copy.bin")]);
      expect(await fileSha256(local("down", "twenty-copy.bin"))).toBe(await fileSha256(local("up", "twenty.bin")));
      const tags = JSON.parse(
        (await aws.run(["s3api", "get-object-tagging", "--bucket", bucket, "--key", "copies/twenty-copy.bin"])).stdout,
      ) as { TagSet: Array<{ Key: string; Value: string }> };
      expect(tags.TagSet).toEqual([{ Key: "origin", Value: "upload" }]);
    },
  );

  it("s3api tags an object and lists the versions of a versioned bucket", async () => {
    const versioned = `${bucket}-versions`;
    await aws.run(["s3", "mb", `s3://${versioned}`]);
    await aws.run([
      "s3api",
      "put-bucket-versioning",
      "--bucket",
      versioned,
      "--versioning-configuration",
      "Status=Enabled",
    ]);
    const ids: string[] = [];
    for (const body of ["kib.bin", "zero.bin"]) {
      const put = JSON.parse(
        (await aws.run(["s3api", "put-object", "--bucket", versioned, "--key", "doc", "--body", local("up", body)]))
          .stdout,
      ) as { VersionId: string };
      ids.unshift(put.VersionId);
    }
    await aws.run([
      "s3api",
      "put-object-tagging",
      "--bucket",
      versioned,
      "--key",
      "doc",
      "--version-id",
      ids[1],
      "--tagging",
      "TagSet=[{Key=generation,Value=first},{Key=team,Value=storage}]",
    ]);
    const tagged = JSON.parse(
      (await aws.run(["s3api", "get-object-tagging", "--bucket", versioned, "--key", "doc", "--version-id", ids[1]]))
        .stdout,
    ) as { VersionId: string; TagSet: Array<{ Key: string; Value: string }> };
    expect(tagged).toEqual({
      VersionId: ids[1],
      TagSet: [
        { Key: "generation", Value: "first" },
        { Key: "team", Value: "storage" },
      ],
    });
    const marker = JSON.parse(
      (await aws.run(["s3api", "delete-object", "--bucket", versioned, "--key", "doc"])).stdout,
    ) as { DeleteMarker: boolean; VersionId: string };
    expect(marker.DeleteMarker).toBe(true);
    const listed = JSON.parse((await aws.run(["s3api", "list-object-versions", "--bucket", versioned])).stdout) as {
      Versions: Array<{ Key: string; VersionId: string; IsLatest: boolean; Size: number }>;
      DeleteMarkers: Array<{ Key: string; VersionId: string; IsLatest: boolean }>;
    };
    expect(listed.Versions.map((version) => [version.VersionId, version.IsLatest, version.Size])).toEqual([
      [ids[0], false, 0],
      [ids[1], false, 1024],
    ]);
    expect(listed.DeleteMarkers).toEqual([
      expect.objectContaining({ Key: "doc", VersionId: marker.VersionId, IsLatest: true }),
    ]);
    // A versioned bucket is emptied version by version.
    for (const versionId of [...ids, marker.VersionId])
      await aws.run(["s3api", "delete-object", "--bucket", versioned, "--key", "doc", "--version-id", versionId]);
    await aws.run(["s3", "rb", `s3://${versioned}`]);
  });

  it("rm deletes one object; rb refuses a non-empty bucket; rm --recursive empties it; rb removes it", async () => {
    await aws.run(["s3", "rm", s3("files/zero.bin")]);
    expect(parseLs((await aws.run(["s3", "ls", s3("files/")])).stdout).map((entry) => entry.name)).toEqual([
      "big.bin",
      "kib.bin",
    ]);
    await expect(aws.run(["s3", "rb", s3()])).rejects.toThrow(/BucketNotEmpty/);
    await aws.run(["s3", "rm", "--recursive", s3()]);
    expect((await aws.run(["s3", "ls", "--recursive", s3()])).stdout.trim()).toBe("");
    await aws.run(["s3", "rb", s3()]);
    expect((await aws.run(["s3", "ls"])).stdout).not.toMatch(new RegExp(` ${bucket}$`, "m"));
  });
});
