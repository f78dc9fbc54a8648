import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

/**
 * Server actions as a client outside the browser calls them: by the id the build's own
 * manifest gives each exported action, posted to a page that serves it.
 */
const repoRoot = path.resolve(import.meta.dirname, "..");

export interface ActionEntry {
  id: string;
  name: string;
  /** A page URL whose bundle serves the action (dynamic segments filled with "x"). */
  page: string;
}

export function actionsFromManifest(): ActionEntry[] {
  const file = path.join(repoRoot, ".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as {
    node: Record<string, { exportedName?: string; workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const worker = Object.keys(entry.workers)[0] ?? "app/page";
    const page =
      worker
        .replace(/^app/, "")
        .replace(/\/page$/, "")
        .replace(/\/\([^)]+\)/g, "")
        .replace(/\[[^\]]+\]/g, "x") || "/";
    return { id, name: entry.exportedName ?? id, page };
  });
}

export interface ActionAnswer {
  status: number;
  /** The action's returned value as the flight response carries it (its JSON text), or "" when none. */
  result: string;
  redirect: string;
}

export async function postAction(
  request: APIRequestContext,
  action: ActionEntry,
  args: unknown[],
): Promise<ActionAnswer> {
  const response = await request.post(action.page, {
    headers: { "Next-Action": action.id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
  const body = await response.text();
  const result = /^\d+:(\{.*"ok":(?:true|false).*\})$/m.exec(body)?.[1] ?? "";
  const headers = response.headers();
  return {
    status: response.status(),
    result,
    redirect: `${headers["x-action-redirect"] ?? ""}${headers.location ?? ""}`,
  };
}
