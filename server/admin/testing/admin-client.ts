import type { TestEngine, AdminFetchInit } from "../../testing/engine-fixture";
import { assertMatchesSpec } from "./spec";

/** Calls a v2 operation, expects 200 and a body valid against the spec; returns the body. */
export async function callV2<T = unknown>(
  engine: TestEngine,
  operation: string,
  init: AdminFetchInit = {},
): Promise<T> {
  const response = await engine.adminFetch(operation, init);
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${operation}: HTTP ${response.status}: ${text}`);
  expectCors(response);
  const body = text === "" ? undefined : (JSON.parse(text) as unknown);
  if (body !== undefined) assertMatchesSpec(operation, body);
  return body as T;
}

/** Calls a v2 operation expecting an error; returns status and Garage's error body. */
export async function callV2Error(
  engine: TestEngine,
  operation: string,
  init: AdminFetchInit = {},
): Promise<{ status: number; code: string; message: string; region: string; path: string }> {
  const response = await engine.adminFetch(operation, init);
  const body = (await response.json()) as { code: string; message: string; region: string; path: string };
  return { status: response.status, ...body };
}

function expectCors(response: Response): void {
  if (response.headers.get("access-control-allow-origin") !== "*")
    throw new Error("missing Access-Control-Allow-Origin: *");
}
