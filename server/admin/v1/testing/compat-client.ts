import { expect } from "vitest";
import type { TestEngine } from "../../../testing/engine-fixture";
import { assertMatchesCompatSpec, type CompatVersion } from "./compat-spec";

/** HTTP calls to /v0 and /v1 for the integration tests, checked against the specs. */

export interface CompatCallInit {
  query?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent exactly as written (the seed's examples, trailing commas included). */
  rawBody?: string;
  /** The operation's path as the spec writes it; its 200 schema validates the body. */
  spec?: string;
  /** Expected status (200 unless told). */
  status?: number;
  token?: string | null;
}

function requestBody(init: CompatCallInit): string | undefined {
  if (init.rawBody !== undefined) return init.rawBody;
  return init.body === undefined ? undefined : JSON.stringify(init.body);
}

/** Calls `/<version><path>`, checks status, CORS and (with `spec`) the schema; returns the body (undefined if empty). */
export async function compatCall<T = unknown>(
  engine: TestEngine,
  version: CompatVersion,
  method: string,
  path: string,
  init: CompatCallInit = {},
): Promise<T> {
  const url = new URL(`/${version}${path}`, engine.running.adminUrl);
  for (const [name, value] of Object.entries(init.query ?? {})) url.searchParams.set(name, value);
  const token = init.token === undefined ? engine.running.adminToken : init.token;
  const headers: Record<string, string> = token === null ? {} : { authorization: `Bearer ${token}` };
  const body = requestBody(init);
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  expect(response.status, `${method} ${url.pathname}${url.search}: ${text}`).toBe(init.status ?? 200);
  expect(response.headers.get("access-control-allow-origin")).toBe("*");
  const parsed = text === "" ? undefined : (JSON.parse(text) as unknown);
  if (init.spec !== undefined && response.status < 300) assertMatchesCompatSpec(version, init.spec, method, parsed);
  return parsed as T;
}

export interface GarageErrorBody {
  code: string;
  message: string;
  region: string;
  path: string;
}

/** Calls expecting an error: checks the status and Garage's JSON error shape. */
export async function compatError(
  engine: TestEngine,
  version: CompatVersion,
  method: string,
  path: string,
  status: number,
  init: CompatCallInit = {},
): Promise<GarageErrorBody> {
  const body = await compatCall<GarageErrorBody>(engine, version, method, path, { ...init, status });
  expect(Object.keys(body).sort()).toEqual(["code", "message", "path", "region"]);
  expect(body.path).toBe(`/${version}${path}`);
  return body;
}
