import "server-only";
import { notFound } from "next/navigation";
import { requireSession } from "@/lib/server/auth/guard";
import { getConsoleStore, type ConsoleStore, type ConsoleUser } from "@/lib/server/auth/store";
import type { Connection } from "@/lib/server/connections";
import { authorizeScope, ClusterAreaError, scopeOf, type Need, type Scope } from "@/lib/server/tenancy/scope";

/**
 * What a console action or read knows about who asks: the user, its scope (which cluster,
 * which buckets and keys) and the store. Built in one place (`contextFor`), so every action
 * and page read receives the tenant scope and none can skip the check of its need.
 */
export interface ConsoleContext {
  user: Pick<ConsoleUser, "id" | "name" | "role">;
  /** The scope's cluster: the header's choice for operators, the tenant's own for a tenant. */
  connection: Connection;
  scope: Scope;
  store: ConsoleStore;
}

/** The context of a signed-in user, if its scope allows the need (ForbiddenError otherwise). */
export async function contextFor(user: ConsoleUser, need: Need): Promise<ConsoleContext> {
  const store = await getConsoleStore();
  const scope = await scopeOf(store, user);
  authorizeScope(scope, need);
  return { user: { id: user.id, name: user.name, role: user.role }, connection: scope.connection, scope, store };
}

/**
 * For pages: session (else /signin) -> scope -> the context their reads take. A tenant on an
 * operator's page gets the not-found page, as for a page that does not exist.
 */
export async function requireContext(need: Need): Promise<ConsoleContext> {
  const { user } = await requireSession();
  try {
    return await contextFor(user, need);
  } catch (error) {
    if (error instanceof ClusterAreaError) notFound();
    throw error;
  }
}
