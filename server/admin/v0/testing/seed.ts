import fs from "node:fs";
import path from "node:path";

/**
 * The JSON code blocks of the seed's v0 admin API page
 * (`../shared/seeds/garage-admin-api-v0.md`), by section, exactly as written,
 * so the tests send what the page shows.
 */

function findSeed(): string {
  for (let directory = process.cwd(); ; directory = path.dirname(directory)) {
    const candidate = path.join(directory, "../shared/seeds/garage-admin-api-v0.md");
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(directory) === directory) throw new Error("garage-admin-api-v0.md not found");
  }
}

const sections = fs.readFileSync(findSeed(), "utf8").split(/^#### /m);

/** The JSON blocks of the first section whose heading starts with `title`, e.g. "UpdateKey". */
export function seedBlocks(title: string): string[] {
  const section = sections.find((candidate) => candidate.startsWith(`${title} `));
  if (!section) throw new Error(`no section ${title} in the seed`);
  return [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => match[1]);
}
