/**
 * Console roles. `admin` operates the whole cluster; `tenant` (a later issue) will see
 * only the buckets and keys of its own tenant. Both sides: no secrets here.
 */
export const roles = ["admin", "tenant"] as const;
export type Role = (typeof roles)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (roles as readonly string[]).includes(value);
}

/** The name of the first user, created from CARPORT_CONSOLE_PASSWORD. */
export const bootstrapAdminName = "admin";
