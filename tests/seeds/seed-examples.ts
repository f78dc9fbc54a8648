import fs from "node:fs";
import path from "node:path";

/**
 * The seed documents' own examples, read from the repository's fixtures
 * (tests/fixtures/seeds), so tests compare against exactly what the seeds show.
 */
export const seedsDir = path.resolve(import.meta.dirname, "..", "fixtures", "seeds");

export function readSeed(name: string): string {
  return fs.readFileSync(path.join(seedsDir, name), "utf8");
}

/** The fenced blocks of a Markdown seed, in order, with their info string. */
export function fencedBlocks(markdown: string): { info: string; text: string }[] {
  return [...markdown.matchAll(/^```([^\n]*)\n([\s\S]*?)^```/gm)].map((match) => ({
    info: match[1].trim(),
    text: match[2],
  }));
}

/** Hikube's example BucketInfo (the JSON block of the English page). */
export function hikubeBucketInfoExample(): unknown {
  const block = fencedBlocks(readSeed("hikube-bucket-api.en.md")).find(
    (item) => item.info === "json" && item.text.includes('"secretS3"'),
  );
  if (!block) throw new Error("the Hikube seed has no BucketInfo example");
  return JSON.parse(block.text);
}

/** Hikube's minimal manifest (`backup-prod`), as YAML text. */
export function hikubeManifestExample(): string {
  const block = fencedBlocks(readSeed("hikube-bucket-api.en.md")).find(
    (item) => item.info.startsWith("yaml") && item.text.includes("backup-prod"),
  );
  if (!block) throw new Error("the Hikube seed has no backup-prod manifest");
  return block.text;
}

/** KubeMQ's example request bodies, keyed by the section title (`List Buckets`, …). */
export function kubemqExamples(): Map<string, { metadata: Record<string, string>; data: string | null }> {
  const markdown = readSeed("kubemq-aws-s3-target.md");
  const examples = new Map<string, { metadata: Record<string, string>; data: string | null }>();
  for (const section of markdown.split(/^### /m).slice(1)) {
    const title = section.slice(0, section.indexOf("\n")).trim();
    const block = fencedBlocks(section).find((item) => item.info === "javascript");
    if (block) examples.set(title, JSON.parse(block.text));
  }
  return examples;
}
