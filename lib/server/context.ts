import "server-only";
import { requireRole } from "@/lib/auth/guard";
import type { Role } from "@/lib/auth/roles";
import type { ConsoleUser } from "@/lib/auth/store";
import { getActiveConnection, type Connection } from "@/lib/server/connections";

/**
 * What a console action or read knows about who asks and which cluster it talks to.
 * Built in one place (`contextFor`), so a new dimension of authority (the tenant scope)
 * is added here and every action and read receives it.
 */
export interface ConsoleContext {
  user: Pick<ConsoleUser, "id" | "name" | "role">;
  connection: Connection;
}

/** The context of a signed-in user: the connection chosen in the header, re-validated. */
export async function contextFor(user: ConsoleUser): Promise<ConsoleContext> {
  return { user: { id: user.id, name: user.name, role: user.role }, connection: await getActiveConnection() };
}

/** For pages: session (else /signin) -> role (else ForbiddenError) -> the context their reads take. */
export async function requireContext(role: Role): Promise<ConsoleContext> {
  return contextFor((await requireRole(role)).user);
}
