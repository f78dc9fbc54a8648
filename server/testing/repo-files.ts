import path from "node:path";

/** The repository's root, from this file's place in it (tests run from any cwd). */
const repoRoot = path.resolve(import.meta.dirname, "..", "..");

/** Garage's admin API documents, the contract the engine's responses are tested against. */
export const garageOpenApiPath = (fileName: string): string =>
  path.join(repoRoot, "lib", "admin-api", "openapi", fileName);

/** The seed documents' examples, kept in the repository as test fixtures. */
export const seedFixturePath = (fileName: string): string =>
  path.join(repoRoot, "tests", "fixtures", "seeds", fileName);
