import "server-only";
import { z } from "zod";
import { clientAddressOf } from "@/lib/auth/client-address";
import { isUserActive } from "@/lib/server/auth/active";
import { checkPassword } from "@/lib/server/auth/password-check";
import type { ConsoleStore, ConsoleUser } from "@/lib/server/auth/store";
import type { Tenant } from "@/lib/tenancy/types";
import { KeystoneError, unauthorized } from "./errors";
import { readToken, type TokenClaims } from "./tokens";

/**
 * Keystone's password method: a console user (by name in the Default domain, or by id)
 * and its password, throttled as on the sign-in form, optionally scoped to a project (a
 * tenant, by name or id). A tenant user may scope only to its tenant; operators to any.
 */
const domainRef = z.object({ id: z.string().optional(), name: z.string().optional() }).optional();
const authBody = z.object({
  auth: z.object({
    identity: z.object({
      methods: z.array(z.string()),
      password: z
        .object({
          user: z.object({
            id: z.string().optional(),
            name: z.string().optional(),
            domain: domainRef,
            password: z.string(),
          }),
        })
        .optional(),
    }),
    scope: z
      .union([
        z.literal("unscoped"),
        z.object({
          project: z.object({ id: z.string().optional(), name: z.string().optional(), domain: domainRef }).optional(),
          domain: domainRef,
          system: z.unknown().optional(),
        }),
      ])
      .optional(),
  }),
});

export interface Authenticated {
  user: ConsoleUser;
  project: Tenant | null;
}

function isDefaultDomain(domain: z.infer<typeof domainRef>): boolean {
  if (!domain) return true;
  if (domain.id !== undefined) return domain.id.toLowerCase() === "default";
  return domain.name?.toLowerCase() === "default";
}

export function mayUseProject(user: ConsoleUser, project: Tenant): boolean {
  if (project.disabled) return false;
  return user.role === "tenant" ? user.tenantId === project.id : true;
}

function findProject(
  store: ConsoleStore,
  ref: { id?: string; name?: string; domain?: { id?: string; name?: string } },
): Tenant {
  if (ref.id !== undefined) {
    const byId = store.tenants.find(ref.id);
    if (byId) return byId;
  } else if (ref.name !== undefined && isDefaultDomain(ref.domain)) {
    const byName = store.tenants.findByName(ref.name);
    if (byName) return byName;
  }
  throw unauthorized();
}

export async function authenticatePassword(
  store: ConsoleStore,
  request: Request,
  body: unknown,
): Promise<Authenticated> {
  const parsed = authBody.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KeystoneError(400, `Expecting to find ${issue.path.join(".")} in the request: ${issue.message}.`);
  }
  const { identity, scope } = parsed.data.auth;
  if (!identity.methods.includes("password") || !identity.password)
    throw unauthorized("Only the password method is supported here.");
  const given = identity.password.user;
  const named =
    given.id !== undefined ? store.findById(given.id)?.name : isDefaultDomain(given.domain) ? given.name : undefined;
  if (!named) throw unauthorized();
  const checked = await checkPassword(named, given.password, clientAddressOf(request.headers));
  if (!checked.ok && checked.reason === "throttled")
    throw new KeystoneError(429, "Too many failed attempts for this user name or address: wait and try again.");
  if (!checked.ok) throw unauthorized();
  if (scope === undefined || scope === "unscoped" || !scope.project) {
    if (scope !== undefined && scope !== "unscoped" && (scope.domain || scope.system))
      throw unauthorized("Only project scopes are supported here.");
    return { user: checked.user, project: null };
  }
  const project = findProject(store, scope.project);
  if (!mayUseProject(checked.user, project)) throw unauthorized();
  return { user: checked.user, project };
}

export interface TokenHolder extends Authenticated {
  claims: TokenClaims;
}

/** A token's holder, read again now: a deleted or disabled user, or a disabled tenant, holds nothing. */
export function holderOf(store: ConsoleStore, token: string | null): TokenHolder | null {
  const claims = readToken(token);
  if (!claims) return null;
  const user = store.findById(claims.userId);
  if (!user || !isUserActive(store, user)) return null;
  const project = claims.projectId === null ? null : store.tenants.find(claims.projectId);
  if (claims.projectId !== null && (!project || !mayUseProject(user, project))) return null;
  return { claims, user, project: project ?? null };
}

export function requireHolder(store: ConsoleStore, request: Request): TokenHolder {
  const holder = holderOf(store, request.headers.get("x-auth-token"));
  if (!holder) throw unauthorized();
  return holder;
}
