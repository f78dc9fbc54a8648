import "server-only";
import { z } from "zod";
import { defaultTenantLimits } from "@/lib/tenancy/limits";
import { DuplicateUserNameError, type ConsoleStore, type ConsoleUser } from "@/lib/server/auth/store";

/**
 * Sign-in through a generic OpenID Connect provider, configured by the environment. The
 * provider decides the role on every sign-in: members of CARPORT_OIDC_ADMIN_GROUP (in the
 * `groups` claim) are admins; otherwise the CARPORT_OIDC_TENANT_CLAIM claim names the
 * user's tenant, created on first use when CARPORT_OIDC_CREATE_TENANTS=true.
 */
export const oidcProviderId = "oidc";

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  tenantClaim: string;
  adminGroup: string | null;
  createTenants: boolean;
  scope: string;
  /** The console's auth routes as browsers reach them; the provider sends the browser back to `<this>/callback/oidc`. */
  authBaseUrl: string;
}

export function oidcSettings(env: Record<string, string | undefined> = process.env): OidcSettings | null {
  const { CARPORT_OIDC_ISSUER: issuer, CARPORT_OIDC_CLIENT_ID: clientId } = env;
  const clientSecret = env.CARPORT_OIDC_CLIENT_SECRET;
  if (!issuer || !clientId || !clientSecret) return null;
  return {
    issuer,
    clientId,
    clientSecret,
    tenantClaim: env.CARPORT_OIDC_TENANT_CLAIM || "tenant",
    adminGroup: env.CARPORT_OIDC_ADMIN_GROUP || null,
    createTenants: env.CARPORT_OIDC_CREATE_TENANTS === "true",
    scope: env.CARPORT_OIDC_SCOPE || "openid profile email",
    authBaseUrl: `${consolePublicUrl(env)}/api/auth`,
  };
}

/** The console's address as browsers reach it: CARPORT_PUBLIC_URL, else the one `npm start` serves on. */
export function consolePublicUrl(env: Record<string, string | undefined>): string {
  return (env.CARPORT_PUBLIC_URL || `http://127.0.0.1:${env.PORT ?? 3000}`).replace(/\/+$/, "");
}

/** The redirect URI to register with the provider. */
export function oidcRedirectUri(settings: Pick<OidcSettings, "authBaseUrl">): string {
  return `${settings.authBaseUrl}/callback/${oidcProviderId}`;
}

/** The key a provider user is stored under: the issuer and its subject. */
export function oidcSubjectKey(issuer: string, subject: string): string {
  return `${issuer} ${subject}`;
}

const claimsSchema = z.looseObject({
  sub: z.string().min(1),
  preferred_username: z.string().trim().min(1).max(128).optional().catch(undefined),
  email: z.string().trim().min(1).max(128).optional().catch(undefined),
  groups: z.array(z.string()).optional().catch(undefined),
});

export type OidcRefusal = "OidcNoRole" | "OidcUnknownTenant" | "OidcNameTaken" | "OidcDisabled";
export type OidcOutcome = { ok: true; user: ConsoleUser } | { ok: false; code: OidcRefusal };

type Placement = { role: "admin"; tenantId: null } | { role: "tenant"; tenantId: string } | { refused: OidcRefusal };

function placeUser(store: ConsoleStore, settings: OidcSettings, claims: Record<string, unknown>): Placement {
  const groups = claimsSchema.parse(claims).groups ?? [];
  if (settings.adminGroup && groups.includes(settings.adminGroup)) return { role: "admin", tenantId: null };
  const tenantClaim = claims[settings.tenantClaim];
  const tenantName = typeof tenantClaim === "string" ? tenantClaim.trim() : "";
  if (!tenantName) return { refused: "OidcNoRole" };
  let tenant = store.tenants.findByName(tenantName);
  if (!tenant && settings.createTenants)
    tenant = store.tenants.create({ name: tenantName, limits: defaultTenantLimits, connectionId: "local" });
  if (!tenant) return { refused: "OidcUnknownTenant" };
  if (tenant.disabled) return { refused: "OidcDisabled" };
  return { role: "tenant", tenantId: tenant.id };
}

/** Finds or creates the console user for a provider user, with the role its claims give today. */
export async function provisionOidcUser(
  store: ConsoleStore,
  settings: OidcSettings,
  claims: Record<string, unknown>,
): Promise<OidcOutcome> {
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) return { ok: false, code: "OidcNoRole" };
  const placement = placeUser(store, settings, claims);
  if ("refused" in placement) return { ok: false, code: placement.refused };
  const subject = oidcSubjectKey(settings.issuer, parsed.data.sub);
  const existing = store.findByOidcSubject(subject);
  if (existing) {
    if (existing.disabled) return { ok: false, code: "OidcDisabled" };
    store.setRoleAndTenant(existing.id, placement.role, placement.tenantId);
    const updated = store.findById(existing.id);
    return updated ? { ok: true, user: updated } : { ok: false, code: "OidcDisabled" };
  }
  const name = parsed.data.preferred_username ?? parsed.data.email ?? parsed.data.sub;
  try {
    const user = await store.createUser({ name, password: null, oidcSubject: subject, ...placement });
    return { ok: true, user };
  } catch (error) {
    if (error instanceof DuplicateUserNameError) return { ok: false, code: "OidcNameTaken" };
    throw error;
  }
}
