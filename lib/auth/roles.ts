/**
 * Console roles. `admin` operates everything; `viewer` sees what an admin sees and changes
 * nothing; `tenant` has full rights inside its own tenant and nothing outside it.
 * Both sides: no secrets here.
 */
export const roles = ["admin", "viewer", "tenant"] as const;
export type Role = (typeof roles)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (roles as readonly string[]).includes(value);
}

/** The name of the first user, created from CARPORT_CONSOLE_PASSWORD. */
export const bootstrapAdminName = "admin";
