import path from "node:path";

export const repoRoot = path.resolve(import.meta.dirname, "..", "..");

type Env = Record<string, string | undefined>;

/** Where Carport keeps its data: CARPORT_DATA_DIR, else ./data beside the repo. */
export function dataRoot(env: Env = process.env): string {
  return env.CARPORT_DATA_DIR ? path.resolve(repoRoot, env.CARPORT_DATA_DIR) : path.join(repoRoot, "data");
}

/** The console's own files: console.db, initial-credentials.json. */
export function consoleDir(env: Env = process.env): string {
  return path.join(dataRoot(env), "console");
}

export function consolePort(env: Env = process.env): number {
  return env.PORT ? Number(env.PORT) : 3000;
}

export function consoleUrl(env: Env = process.env): string {
  return `http://127.0.0.1:${consolePort(env)}`;
}

/** The Next.js CLI, run with this Node rather than through a shell. */
export const nextBin = path.join(repoRoot, "node_modules", "next", "dist", "bin", "next");
