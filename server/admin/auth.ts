import crypto from "node:crypto";
import type { AdminCaller, AdminContext } from "./context";
import { AdminError } from "./errors";
import type { V2OperationName } from "./v2/operations";

/**
 * Bearer tokens. The configured admin token reaches everything; a v2 admin token
 * reaches the endpoints of its scope; the metrics token reaches /metrics only.
 * Comparisons take constant time; tokens are never logged.
 */

export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

export function sameSecret(given: string, expected: string): boolean {
  // Hashing first gives equal lengths, so timingSafeEqual never leaks the length.
  const a = crypto.createHash("sha256").update(given).digest();
  const b = crypto.createHash("sha256").update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/** The caller behind an admin API request, or a 403 AdminError. */
export function authenticate(context: AdminContext, header: string | undefined): AdminCaller {
  const token = bearerToken(header);
  if (token === null) throw new AdminError("AccessDenied", "Forbidden: Authorization token must be provided");
  if (sameSecret(token, context.secrets.adminToken)) return { kind: "root" };
  const record = context.engine.adminTokens.verify(token);
  if (record) return { kind: "token", token: record };
  throw new AdminError("AccessDenied", "Forbidden: Invalid authorization token");
}

/** Garage lets a token read its own info whatever its scope. */
const alwaysAllowed: ReadonlySet<V2OperationName> = new Set(["GetCurrentAdminTokenInfo"]);

export function mayCall(caller: AdminCaller, operation: V2OperationName): boolean {
  if (caller.kind === "root" || alwaysAllowed.has(operation)) return true;
  return caller.token.scope.includes("*") || caller.token.scope.includes(operation);
}

export function requireScope(caller: AdminCaller, operation: V2OperationName): void {
  if (!mayCall(caller, operation))
    throw new AdminError("AccessDenied", `Forbidden: this token does not have access to the endpoint ${operation}`);
}

/**
 * /metrics: the metrics or admin token when a metrics token exists (ours always does:
 * it is generated on first start, so in practice /metrics needs one of the two);
 * open otherwise, unless metricsRequireToken.
 */
export function mayReadMetrics(context: AdminContext, header: string | undefined): boolean {
  const token = bearerToken(header);
  const expected = context.secrets.metricsToken;
  if (!expected)
    return !context.metricsRequireToken || (token !== null && sameSecret(token, context.secrets.adminToken));
  if (token === null) return false;
  return sameSecret(token, expected) || sameSecret(token, context.secrets.adminToken);
}
