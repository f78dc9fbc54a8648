import fs from "node:fs";
import { seedFixturePath } from "../../../testing/repo-files";

/**
 * The JSON code blocks of the seed's v0 admin API page
 * (`tests/fixtures/seeds/garage-admin-api-v0.md`), by section, exactly as written,
 * so the tests send what the page shows.
 */

const sections = fs.readFileSync(seedFixturePath("garage-admin-api-v0.md"), "utf8").split(/^#### /m);

/** The JSON blocks of the first section whose heading starts with `title`, e.g. "UpdateKey". */
export function seedBlocks(title: string): string[] {
  const section = sections.find((candidate) => candidate.startsWith(`${title} `));
  if (!section) throw new Error(`no section ${title} in the seed`);
  return [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => match[1]);
}
