import "server-only";
import type { ConsoleStore, ConsoleUser } from "@/lib/server/auth/store";

/**
 * Whether a user may act right now: not disabled, and for a tenant user, its tenant
 * exists and is not disabled. Checked on every request, so a disabled or deleted user's
 * next request is refused whatever its session cookie says.
 */
export function isUserActive(store: ConsoleStore, user: ConsoleUser): boolean {
  if (user.disabled) return false;
  if (user.role !== "tenant") return true;
  const tenant = user.tenantId ? store.tenants.find(user.tenantId) : null;
  return tenant !== null && !tenant.disabled;
}
