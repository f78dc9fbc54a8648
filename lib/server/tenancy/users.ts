import "server-only";
import type { Role } from "@/lib/auth/roles";
import type { ConsoleStore, ConsoleUser } from "@/lib/server/auth/store";
import { InputError } from "@/lib/server/action-errors";

/**
 * Console users as an administrator manages them. A tenant user belongs to exactly one
 * existing tenant; admins and viewers to none.
 */
function tenantFor(store: ConsoleStore, role: Role, tenantId: string | null): string | null {
  if (role !== "tenant") {
    if (tenantId !== null) throw new InputError("Only a tenant user belongs to a tenant: leave the tenant empty.");
    return null;
  }
  if (tenantId === null) throw new InputError("A tenant user needs a tenant.");
  if (!store.tenants.find(tenantId)) throw new InputError(`There is no tenant ${tenantId}.`);
  return tenantId;
}

export function createUser(
  store: ConsoleStore,
  input: { name: string; password: string; role: Role; tenantId: string | null },
): Promise<ConsoleUser> {
  return store.createUser({ ...input, tenantId: tenantFor(store, input.role, input.tenantId) });
}

/** Changing the role to admin or viewer drops the tenant; to tenant needs one (given or kept). */
export async function updateUser(
  store: ConsoleStore,
  userId: string,
  change: { password?: string; role?: Role; tenantId?: string | null; disabled?: boolean },
): Promise<ConsoleUser | null> {
  const current = store.findById(userId);
  if (!current) return null;
  const role = change.role ?? current.role;
  const requested = change.tenantId !== undefined ? change.tenantId : role === "tenant" ? current.tenantId : null;
  const tenantId = tenantFor(store, role, requested);
  return store.updateUser(userId, { ...change, role, tenantId });
}

export function deleteUser(store: ConsoleStore, userId: string): boolean {
  return store.deleteUser(userId);
}
