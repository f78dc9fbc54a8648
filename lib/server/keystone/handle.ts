import "server-only";
import { getConsoleStore } from "@/lib/server/auth/store";
import { LimitExceededError } from "@/lib/server/tenancy/errors";
import { KeystoneError } from "./errors";
import { keystoneRoutes, type KeystoneRoute } from "./routes";

/**
 * /identity: Keystone v3 for the OpenStack client, from the route table in ./routes. Every
 * refusal is Keystone's error body with its status; 401s say where to authenticate.
 */
const maxBodyBytes = 64 * 1024;

function match(route: KeystoneRoute, segments: string[]): Record<string, string> | null {
  const pattern = route.path.split("/").filter(Boolean);
  if (pattern.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of pattern.entries()) {
    const placeholder = /^\{(\w+)\}$/.exec(part);
    if (placeholder) params[placeholder[1]] = decodeURIComponent(segments[index]);
    else if (part !== segments[index]) return null;
  }
  return params;
}

function find(method: string, segments: string[]): { route: KeystoneRoute; params: Record<string, string> } {
  const matches = keystoneRoutes.flatMap((route) => {
    const params = match(route, segments);
    return params ? [{ route, params }] : [];
  });
  if (matches.length === 0) throw new KeystoneError(404, "The resource could not be found.");
  const found = matches.find((item) => item.route.method === method);
  if (!found) throw new KeystoneError(405, `Use ${matches.map((item) => item.route.method).join(", ")}.`);
  return found;
}

async function readBody(request: Request): Promise<unknown> {
  if (request.method !== "POST") return undefined;
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBodyBytes) throw new KeystoneError(400, "The request body is too large.");
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new KeystoneError(400, "The request body is not valid JSON.");
  }
}

/** Where clients reach this API: CARPORT_PUBLIC_URL when set (a proxy in front), else the host they asked. */
function identityUrlOf(request: Request): string {
  const url = new URL(request.url);
  const host = request.headers.get("host");
  const base = process.env.CARPORT_PUBLIC_URL || (host ? `${url.protocol}//${host}` : url.origin);
  return `${base.replace(/\/+$/, "")}/identity`;
}

function toKeystoneError(error: unknown): KeystoneError {
  if (error instanceof KeystoneError) return error;
  if (error instanceof LimitExceededError) return new KeystoneError(403, error.message);
  console.error("identity: unexpected error", error);
  return new KeystoneError(500, "An unexpected error prevented the server from fulfilling your request.");
}

export async function handleKeystone(request: Request, segments: string[]): Promise<Response> {
  const identityUrl = identityUrlOf(request);
  const method = request.method === "HEAD" ? "HEAD" : request.method;
  try {
    const { route, params } = find(method, segments);
    const store = await getConsoleStore();
    const answer = await route.handle({ store, request, params, body: await readBody(request), identityUrl });
    const headers = { "Cache-Control": "no-store", ...answer.headers };
    if (answer.body === null) return new Response(null, { status: answer.status, headers });
    return Response.json(answer.body, { status: answer.status, headers });
  } catch (error) {
    const keystoneError = toKeystoneError(error);
    const headers: Record<string, string> = { "Cache-Control": "no-store" };
    if (keystoneError.status === 401) headers["WWW-Authenticate"] = `Keystone uri="${identityUrl}"`;
    return Response.json(keystoneError.toBody(), { status: keystoneError.status, headers });
  }
}
