import type { Role } from "./roles";

/** A signed-in user whose role may not do this (a viewer changing something, a tenant on an operator's page). */
export class ForbiddenError extends Error {
  override name = "ForbiddenError";
  constructor(readonly requiredRole: Role) {
    super(`this needs the ${requiredRole} role`);
  }
}
