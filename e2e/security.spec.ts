import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import { adminCall } from "./admin-seed";
import { adminPassword, adminToken, expect, signIn, test } from "./fixtures";

/**
 * The console's security, against the production build:
 * - every server action (from the build's own manifest) and every route handler
 *   refuses a request with no session, also with a forged x-middleware-subrequest
 *   header (the header that once let requests skip middleware);
 * - a signed-in action posted from another origin (Origin: http://evil.example,
 *   Origin: null) is refused and has no effect;
 * - session cookies are HttpOnly and SameSite;
 * - pages carry a nonce Content-Security-Policy with frame-ancestors 'none', every
 *   answer Referrer-Policy: no-referrer, and pages and API answers Cache-Control: no-store;
 * - a key's secret is absent from list pages, their RSC payloads and the API, and no
 *   secret of this instance is in the static build.
 * Figures: actions and routes run without a session; cross-origin posts accepted;
 * secrets found (0 each).
 */

const repoRoot = path.resolve(import.meta.dirname, "..");
const forgedSubrequest = [
  "middleware:middleware:middleware:middleware:middleware",
  "proxy:proxy:proxy:proxy:proxy",
  "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware",
];
/** The way in: refusing them without a session would make signing in impossible. */
const publicActions = new Set(["signInAction", "signInWithOidcAction"]);

interface ActionEntry {
  id: string;
  name: string;
  page: string;
}

function actionsFromManifest(): ActionEntry[] {
  const file = path.join(repoRoot, ".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as {
    node: Record<string, { exportedName?: string; workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const worker = Object.keys(entry.workers)[0] ?? "app/page";
    // "app/(console)/keys/page" -> "/keys"; route groups vanish from URLs; dynamic segments get a value.
    const page =
      worker
        .replace(/^app/, "")
        .replace(/\/page$/, "")
        .replace(/\/\([^)]+\)/g, "")
        .replace(/\[[^\]]+\]/g, "x") || "/";
    return { id, name: entry.exportedName ?? id, page };
  });
}

/** Every app/api route file and the methods it exports, as URLs (dynamic segments get a value). */
function routeHandlers(): Array<{ url: string; methods: string[] }> {
  const found: Array<{ url: string; methods: string[] }> = [];
  const walk = (directory: string) => {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const source = fs.readFileSync(full, "utf8");
        const methods = [...source.matchAll(/export (?:async )?(?:function|const) (GET|POST|PUT|PATCH|DELETE)\b/g)].map(
          (match) => match[1],
        );
        const url = path
          .relative(path.join(repoRoot, "app"), path.dirname(full))
          .split(path.sep)
          .map((segment) => (segment.startsWith("[...") ? "anything" : segment.startsWith("[") ? "x" : segment))
          .join("/");
        found.push({ url: `/${url}`, methods });
      }
    }
  };
  walk(path.join(repoRoot, "app", "api"));
  return found;
}

async function callAction(
  request: APIRequestContext,
  action: ActionEntry,
  args: unknown[],
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; redirect: string }> {
  const response = await request.post(action.page, {
    headers: {
      "Next-Action": action.id,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      ...headers,
    },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
  const answer = response.headers();
  return {
    status: response.status(),
    body: await response.text(),
    redirect: `${answer["x-action-redirect"] ?? ""} ${answer.location ?? ""}`,
  };
}

/** Refused for want of a session: sent to /signin (requireSession's redirect) or answered 401/403. */
function refusedForNoSession(answer: { status: number; redirect: string }): boolean {
  return answer.redirect.includes("/signin") || [401, 403].includes(answer.status);
}

/** Not run: an error status, or an answer that is not the action's success. */
function refused(answer: { status: number; body: string }): boolean {
  return answer.status >= 400 || !answer.body.includes('"ok":true');
}

test.describe("no session", () => {
  test("every server action and route handler refuses, also with a forged x-middleware-subrequest", async ({
    request,
    baseURL,
  }) => {
    const actions = actionsFromManifest().filter((action) => !publicActions.has(action.name));
    expect(actions.length).toBeGreaterThan(20);
    const wrong: string[] = [];
    let calls = 0;
    for (const action of actions) {
      for (const forged of [null, ...forgedSubrequest]) {
        calls += 1;
        const answer = await callAction(request, action, [{}], {
          Origin: new URL(baseURL ?? "").origin,
          ...(forged ? { "x-middleware-subrequest": forged } : {}),
        });
        if (!refusedForNoSession(answer))
          wrong.push(`${action.name} ${forged ?? ""}: ${answer.status} ${answer.body.slice(0, 120)}`);
      }
    }
    const routes = routeHandlers();
    // The console API's own routes, from its OpenAPI document (served without a session: it is documentation).
    const openApi = (await (await request.get("/api/v1/openapi.json")).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    // Its paths are relative to its server, /api/v1.
    for (const [apiPath, methods] of Object.entries(openApi.paths))
      routes.push({
        url: `/api/v1${apiPath.replace(/\{[^}]+\}/g, "x")}`,
        methods: Object.keys(methods).map((method) => method.toUpperCase()),
      });
    // next-auth's own endpoints (sign-in, csrf, the session as null) and the public documentation and health check.
    const open = new Set(["/api/auth/anything", "/api/v1/openapi.json", "/api/health", "/api/v1/anything"]);
    for (const route of routes.filter((candidate) => !open.has(candidate.url))) {
      for (const method of route.methods) {
        for (const forged of [null, ...forgedSubrequest]) {
          calls += 1;
          const response = await request.fetch(route.url, {
            method,
            headers: forged ? { "x-middleware-subrequest": forged } : {},
            data: method === "GET" ? undefined : "{}",
            maxRedirects: 0,
          });
          if (![401, 403].includes(response.status()))
            wrong.push(
              `${method} ${route.url} ${forged ?? ""}: ${response.status()} ${(await response.text()).slice(0, 120)}`,
            );
        }
      }
    }
    // The open ones give nothing away.
    const session = await request.get("/api/auth/session");
    expect(await session.text()).not.toMatch(/"user"/);
    const health = await request.get("/api/health");
    expect(await health.text()).not.toContain(adminToken());
    console.log(`console security: ${wrong.length} of ${calls} action and route calls ran without a session`);
    expect(wrong).toEqual([]);
  });
});

async function signedIn(page: Page): Promise<void> {
  await signIn(page, "admin", adminPassword());
  await expect(page).not.toHaveURL(/\/signin/);
}

test.describe("signed in", () => {
  test("cross-origin action posts are refused and change nothing; the same-origin one works", async ({
    page,
    baseURL,
  }) => {
    await signedIn(page);
    const create = actionsFromManifest().find((action) => action.name === "createKeyAction");
    if (!create) throw new Error("createKeyAction is not in the build's action manifest");
    const origin = new URL(baseURL ?? "").origin;
    const keyNames = async () => (await adminCall<Array<{ name: string }>>("ListKeys")).map((key) => key.name);
    let accepted = 0;
    for (const [label, hostile] of [
      ["evil", "http://evil.example"],
      ["null", "null"],
      ["sibling port", origin.replace(/:(\d+)$/, (_, port: string) => `:${Number(port) + 1}`)],
    ] as const) {
      const name = `cross-origin-${label.replace(/\s/g, "-")}`;
      const answer = await callAction(page.request, create, [{ name, expiresOn: "", canCreateBuckets: false }], {
        Origin: hostile,
      });
      if ((await keyNames()).includes(name) || !refused(answer)) accepted += 1;
    }
    const control = await callAction(
      page.request,
      create,
      [{ name: "same-origin-control", expiresOn: "", canCreateBuckets: false }],
      {
        Origin: origin,
      },
    );
    console.log(`console security: ${accepted} cross-origin action posts accepted of 3`);
    expect(accepted).toBe(0);
    expect(control.body).toContain('"ok":true');
    expect(await keyNames()).toContain("same-origin-control");
  });

  test("session cookies are HttpOnly and SameSite", async ({ page }) => {
    await signedIn(page);
    const cookies = await page.context().cookies();
    const ours = cookies.filter((cookie) => /authjs|next-auth|carport/.test(cookie.name));
    expect(ours.some((cookie) => /session-token/.test(cookie.name))).toBe(true);
    for (const cookie of ours) {
      expect(cookie.httpOnly, cookie.name).toBe(true);
      expect(["Lax", "Strict"], cookie.name).toContain(cookie.sameSite);
    }
  });

  test("pages and API answers carry the security headers", async ({ page }) => {
    await signedIn(page);
    for (const target of ["/", "/keys", "/buckets", "/tokens", "/signin"]) {
      const response = await page.request.get(target, { maxRedirects: 0 });
      const headers = response.headers();
      const policy = headers["content-security-policy"] ?? "";
      expect(policy, target).toContain("frame-ancestors 'none'");
      const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
      expect(nonce, `${target}: a nonce`).toBeTruthy();
      expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      if (response.status() === 200) {
        // Every script in the page carries the nonce (or the browser would refuse to run it).
        const html = await response.text();
        const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((match) => match[1]);
        expect(scripts.length).toBeGreaterThan(0);
        for (const attributes of scripts) expect(attributes, target).toContain(`nonce="${nonce}"`);
        expect(headers["cache-control"] ?? "", target).toContain("no-store");
      }
      expect(headers["referrer-policy"], target).toBe("no-referrer");
      expect(headers["x-frame-options"], target).toBe("DENY");
    }
    const api = await page.request.get("/api/keys");
    expect(api.headers()["cache-control"]).toContain("no-store");
    expect(api.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(api.headers()["referrer-policy"]).toBe("no-referrer");
  });

  test("the console renders and runs under its policy (no violation reported)", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text()))
        violations.push(message.text());
    });
    await signedIn(page);
    for (const target of ["/", "/keys", "/buckets", "/cluster", "/tokens"]) {
      await page.goto(target);
      await expect(page.getByRole("main")).toBeVisible();
    }
    expect(violations).toEqual([]);
  });

  test("a key's secret is absent from list pages, RSC payloads and the API; no secret is in the static build", async ({
    page,
  }) => {
    await signedIn(page);
    const key = await adminCall<{ accessKeyId: string; secretAccessKey: string }>("CreateKey", {
      name: "secret-probe",
    });
    const secrets = [key.secretAccessKey, adminToken()];
    const found: string[] = [];
    for (const target of ["/", "/keys", "/keys/permissions", "/buckets", "/tokens"]) {
      const html = await (await page.request.get(target)).text();
      const rsc = await (await page.request.get(target, { headers: { RSC: "1" } })).text();
      await page.goto(target);
      const rendered = await page.content();
      for (const [where, text] of [
        ["HTML", html],
        ["RSC payload", rsc],
        ["rendered page", rendered],
      ] as const)
        if (secrets.some((secret) => text.includes(secret))) found.push(`${target} ${where}`);
    }
    for (const target of [
      "/api/keys",
      "/api/overview",
      "/api/tokens",
      "/api/permissions",
      "/api/buckets",
      "/api/v1/keys",
    ]) {
      const text = await (await page.request.get(target)).text();
      if (secrets.some((secret) => text.includes(secret))) found.push(target);
    }
    // The static build: compiled before any of these secrets existed, and it must stay that way.
    const credentials = path.join(process.env.CARPORT_E2E_DATA_DIR ?? "", "console", "initial-credentials.json");
    const authSecret = fs.existsSync(credentials)
      ? (JSON.parse(fs.readFileSync(credentials, "utf8")) as { authSecret?: string }).authSecret
      : undefined;
    const staticSecrets = [...secrets, ...(authSecret ? [authSecret] : []), adminPassword()];
    const walk = (directory: string): string[] =>
      fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(directory, entry.name);
        return entry.isDirectory() ? walk(full) : [full];
      });
    const staticFiles = walk(path.join(repoRoot, ".next", "static"));
    expect(staticFiles.length).toBeGreaterThan(0);
    for (const file of staticFiles) {
      const text = fs.readFileSync(file, "latin1");
      if (staticSecrets.some((secret) => text.includes(secret))) found.push(path.relative(repoRoot, file));
    }
    console.log(
      `console security: ${found.length} secrets found in pages, RSC payloads, API answers and ${staticFiles.length} static files`,
    );
    expect(found).toEqual([]);
  });
});
