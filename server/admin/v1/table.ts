import { AdminError } from "../errors";
import type { CompatResponse, V2Call } from "./v2-call";

/**
 * The v1 and v0 routes are tables, as in Garage's `router_v1.rs`: method, path
 * (after the `/v1` or `/v0` prefix) and an optional query discriminator
 * (`GET /key` with `id` is GetKeyInfo, without it ListKeys). The first match
 * wins, so discriminated rows come before the plain one.
 */

export type CompatMethod = "GET" | "POST" | "PUT" | "DELETE";
export type Query = Record<string, string | undefined>;

export interface CompatRequest {
  query: Query;
  body: unknown;
}

export interface CompatRoute {
  /** Garage's endpoint name, for errors and metrics. */
  name: string;
  method: CompatMethod;
  path: string;
  when?: (query: Query) => boolean;
  handle(call: V2Call, request: CompatRequest): Promise<CompatResponse>;
}

/** A discriminator: the route applies when any of these parameters is present. */
export function has(...names: string[]): (query: Query) => boolean {
  return (query) => names.some((name) => query[name] !== undefined);
}

/** A required query parameter; its absence is the client's error. */
export function required(query: Query, name: string): string {
  const value = query[name];
  if (value === undefined) throw new AdminError("InvalidRequest", `Missing query parameter: ${name}`);
  return value;
}

export function findRoute(routes: readonly CompatRoute[], method: string, path: string, query: Query): CompatRoute {
  const onPath = routes.filter((route) => route.path === path);
  if (onPath.length === 0) throw new AdminError("NotFound", `Unknown API endpoint: ${method} ${path}`);
  const withMethod = onPath.filter((route) => route.method === method);
  if (withMethod.length === 0) throw new AdminError("MethodNotAllowed", `Method ${method} not allowed on ${path}`);
  const route = withMethod.find((candidate) => candidate.when?.(query) ?? true);
  if (!route) {
    // Only discriminated rows exist for this method (DELETE /key needs `id`).
    throw new AdminError("InvalidRequest", `${method} ${path} needs one of its query parameters`);
  }
  return route;
}
