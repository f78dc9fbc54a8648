import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { OIDCConfig } from "next-auth/providers";
import { z } from "zod";
import { clientAddressOf } from "@/lib/auth/client-address";
import { authConfig } from "@/lib/auth/config";
import {
  oidcProviderId,
  oidcSettings,
  oidcSubjectKey,
  provisionOidcUser,
  type OidcSettings,
} from "@/lib/server/auth/oidc";
import { checkPassword } from "@/lib/server/auth/password-check";
import { getConsoleStore } from "@/lib/server/auth/store";

/** The error code shown for a throttled sign-in; see signInErrorMessage. */
export class SignInRateLimited extends CredentialsSignin {
  override code = "rate_limited";
}

export class SignInDisabled extends CredentialsSignin {
  override code = "disabled";
}

const credentialsSchema = z.object({
  name: z.string().trim().min(1).max(128),
  password: z.string().min(1).max(1024),
});

const credentialsProvider = Credentials({
  credentials: { name: { label: "User name" }, password: { label: "Password", type: "password" } },
  async authorize(raw, request) {
    const parsed = credentialsSchema.safeParse(raw);
    if (!parsed.success) return null;
    const checked = await checkPassword(parsed.data.name, parsed.data.password, clientAddressOf(request.headers));
    if (checked.ok) return { id: checked.user.id, name: checked.user.name, role: checked.user.role };
    if (checked.reason === "throttled") throw new SignInRateLimited();
    if (checked.reason === "disabled") throw new SignInDisabled();
    return null;
  },
});

/**
 * Claims come from the userinfo endpoint (idToken: false), where providers put groups most
 * reliably. The redirect URI is pinned (redirectProxyUrl): next-auth would otherwise derive
 * it from each request's URL, which Next rewrites from 127.0.0.1 to localhost in route
 * handlers, so the code exchange would name another URI than the authorization did.
 */
function oidcProvider(settings: OidcSettings): OIDCConfig<Record<string, unknown>> {
  return {
    id: oidcProviderId,
    name: "Single sign-on",
    type: "oidc",
    issuer: settings.issuer,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    idToken: false,
    redirectProxyUrl: settings.authBaseUrl,
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: settings.scope } },
    profile: (profile) => ({
      id: String(profile.sub),
      name: typeof profile.preferred_username === "string" ? profile.preferred_username : String(profile.sub),
    }),
  };
}

const oidc = oidcSettings();

const callbacks: NextAuthConfig["callbacks"] = {
  ...authConfig.callbacks,
  /** A provider user becomes (or is matched to) a console user here; refusals go back to /signin with a code. */
  async signIn({ account, profile }) {
    if (account?.provider !== oidcProviderId) return true;
    if (!oidc || !profile) return "/signin?error=OidcNoRole";
    const outcome = await provisionOidcUser(await getConsoleStore(), oidc, profile);
    return outcome.ok ? true : `/signin?error=${outcome.code}`;
  },
  async jwt({ token, user, account }) {
    if (account?.provider === oidcProviderId && oidc) {
      const found = (await getConsoleStore()).findByOidcSubject(oidcSubjectKey(oidc.issuer, account.providerAccountId));
      if (!found) return null;
      return { ...token, sub: found.id, name: found.name, role: found.role };
    }
    if (user?.role) token.role = user.role;
    return token;
  },
};

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  callbacks,
  logger: {
    // A wrong password is an expected event, not a server error with a stack trace.
    error(error) {
      if (error instanceof CredentialsSignin) console.warn(`[auth] sign-in refused (${error.code})`);
      else console.error(error);
    },
  },
  providers: oidc ? [credentialsProvider, oidcProvider(oidc)] : [credentialsProvider],
});

/** Whether the sign-in page offers the provider's button. */
export function isOidcConfigured(): boolean {
  return oidc !== null;
}
