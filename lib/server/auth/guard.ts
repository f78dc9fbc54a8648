import "server-only";
import { redirect } from "next/navigation";
import { isUserActive } from "@/lib/server/auth/active";
import { ForbiddenError } from "@/lib/auth/forbidden";
import { auth } from "@/lib/server/auth";
import type { Role } from "@/lib/auth/roles";
import { getConsoleStore, type ConsoleUser } from "@/lib/server/auth/store";

/**
 * Every page, server action and route handler checks the session itself: the proxy's
 * redirect is a convenience, not the authority. The user is re-read from the store on
 * every request, so a deleted or disabled user (or one whose tenant is disabled) is
 * refused at once and a changed role takes effect without waiting for the JWT to expire.
 */
export type ConsoleSession = { user: ConsoleUser };

export { ForbiddenError };

export async function getConsoleSession(): Promise<ConsoleSession | null> {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const store = await getConsoleStore();
  const user = store.findById(userId);
  return user && isUserActive(store, user) ? { user } : null;
}

/** For pages and server actions: no session sends the browser to /signin. */
export async function requireSession(): Promise<ConsoleSession> {
  const session = await getConsoleSession();
  if (!session) redirect("/signin");
  return session;
}

export async function requireRole(role: Role): Promise<ConsoleSession> {
  const session = await requireSession();
  if (session.user.role !== role) throw new ForbiddenError(role);
  return session;
}

/** For route handlers: a JSON 401/403 instead of a redirect. */
export async function authorizeRequest(
  role?: Role,
): Promise<{ ok: true; session: ConsoleSession } | { ok: false; response: Response }> {
  const session = await getConsoleSession();
  if (!session)
    return {
      ok: false,
      response: Response.json({ error: { code: "Unauthenticated", message: "Sign in first." } }, { status: 401 }),
    };
  if (role && session.user.role !== role) {
    return {
      ok: false,
      response: Response.json(
        { error: { code: "Forbidden", message: `This needs the ${role} role.` } },
        { status: 403 },
      ),
    };
  }
  return { ok: true, session };
}
