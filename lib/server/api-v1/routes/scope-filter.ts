import "server-only";
import type { Scope } from "@/lib/server/tenancy/scope";
import { notFound } from "../errors";

/**
 * The tenant a request names (`?tenant=` or a body's `tenant`). Operators may name any;
 * a tenant only its own, and naming another answers exactly as naming none that exists.
 */
export function namedTenant(scope: Scope, tenantId: string | undefined): string | undefined {
  if (scope.kind === "cluster" || tenantId === undefined || tenantId === scope.tenant.id) return tenantId;
  throw notFound("NoSuchTenant");
}
