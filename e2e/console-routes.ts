import fs from "node:fs";
import path from "node:path";

/**
 * Every page the console has, read from the app directory (each folder holding a
 * page.tsx is a route; route groups "(name)" add no segment; "api" is not a page), so
 * the accessibility and phone-width specs cover pages added later without a list to
 * keep. A dynamic segment "[name]" takes its value from `params`: a new kind of
 * segment fails here until a spec says what to put in it.
 */
export interface ConsoleRoute {
  /** The route as the app directory spells it: "/buckets/[bucketId]". */
  pattern: string;
  /** A path to visit: "/buckets/3f2a…". */
  path: string;
}

const appDir = path.join(import.meta.dirname, "..", "app");

function pagePatterns(dir: string, segments: string[]): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && /^page\.(tsx|ts|jsx|js)$/.test(entry.name)) found.push(`/${segments.join("/")}`);
    if (!entry.isDirectory() || entry.name.startsWith("_") || (segments.length === 0 && entry.name === "api")) continue;
    const isGroup = /^\(.*\)$/.test(entry.name);
    found.push(...pagePatterns(path.join(dir, entry.name), isGroup ? segments : [...segments, entry.name]));
  }
  return found;
}

export function consolePatterns(): string[] {
  return [...new Set(pagePatterns(appDir, []))].sort();
}

/** Pages an operator opens with a query naming more (a Hikube bucket is named within its tenant). */
const queryParams: Record<string, string[]> = { "/hikube/[name]": ["tenant"] };

function queryOf(pattern: string, params: Record<string, string>): string {
  const names = queryParams[pattern] ?? [];
  return names.length ? `?${new URLSearchParams(names.map((name) => [name, params[name] ?? ""])).toString()}` : "";
}

export function consoleRoutes(params: Record<string, string>): ConsoleRoute[] {
  return consolePatterns().map((pattern) => ({
    pattern,
    path: `${pathOf(pattern, params)}${queryOf(pattern, params)}`,
  }));
}

function pathOf(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/\[(\.\.\.)?([^\]]+)\]/g, (_, _rest: string | undefined, name: string) => {
    const value = params[name];
    if (value === undefined)
      throw new Error(`The route ${pattern} needs a value for [${name}]: add one where the specs seed their data.`);
    return encodeURIComponent(value);
  });
}
