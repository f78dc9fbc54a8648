import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import zlib from "node:zlib";

/**
 * First-load JavaScript of each console page, read from the production build:
 * the root main files of build-manifest.json plus every chunk its client
 * reference manifest lists for the page and its layouts (entryJSFiles).
 */

export interface PageWeight {
  route: string;
  sizeBytes: number | null;
  gzipBytes: number | null;
  chunks: number;
  note?: string;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

function rootMainFiles(nextDir: string): string[] {
  const manifest = readJson(path.join(nextDir, "build-manifest.json"));
  const files =
    typeof manifest === "object" && manifest !== null && "rootMainFiles" in manifest ? manifest.rootMainFiles : [];
  return isStringArray(files) ? files : [];
}

/** The page's entryJSFiles: the manifest is a script assigning into globalThis.__RSC_MANIFEST. */
function entryChunks(nextDir: string, appPath: string): string[] | null {
  const file = path.join(nextDir, "server", "app", `${appPath.replace(/^\//, "")}_client-reference-manifest.js`);
  if (!fs.existsSync(file)) return null;
  const sandbox: { __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, unknown> }> } = {};
  vm.runInNewContext(fs.readFileSync(file, "utf8"), sandbox, { timeout: 1000 });
  const manifest = sandbox.__RSC_MANIFEST?.[appPath];
  if (!manifest?.entryJSFiles) return null;
  return Object.values(manifest.entryJSFiles).flatMap((files) => (isStringArray(files) ? files : []));
}

function weigh(nextDir: string, route: string, chunks: string[]): PageWeight {
  let sizeBytes = 0;
  let gzipBytes = 0;
  for (const chunk of chunks) {
    const body = fs.readFileSync(path.join(nextDir, chunk.replace(/^\/_next\//, "")));
    sizeBytes += body.length;
    gzipBytes += zlib.gzipSync(body).length;
  }
  return { route, sizeBytes, gzipBytes, chunks: chunks.length };
}

/** Every page route of the build (app-path-routes-manifest.json), internal ones left out. */
export function firstLoadJs(repoRoot: string): PageWeight[] | string {
  const nextDir = path.join(repoRoot, ".next");
  const routesFile = path.join(nextDir, "app-path-routes-manifest.json");
  if (!fs.existsSync(path.join(nextDir, "BUILD_ID")) || !fs.existsSync(routesFile)) return "skipped: run npm run build";
  const routes = readJson(routesFile) as Record<string, string>;
  const main = rootMainFiles(nextDir);
  return Object.entries(routes)
    .filter(([appPath, route]) => appPath.endsWith("/page") && !route.startsWith("/_"))
    .sort(([, a], [, b]) => a.localeCompare(b))
    .map(([appPath, route]) => {
      const entries = entryChunks(nextDir, appPath);
      if (entries === null)
        return { route, sizeBytes: null, gzipBytes: null, chunks: 0, note: "no client reference manifest" };
      return weigh(nextDir, route, [...new Set([...main, ...entries])]);
    });
}
