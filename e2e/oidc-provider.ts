import http from "node:http";
import { randomBytes } from "node:crypto";
import Provider from "oidc-provider";
import { freePort } from "../scripts/lib/product-process";

/**
 * A real OpenID Connect provider for the end-to-end tests (the certified `oidc-provider`
 * package), on a free port. Its development login form accepts any name: the name is the
 * account, and the accounts below give the claims Carport maps to roles.
 */
export const oidcAdminGroup = "carport-admins";
export const oidcTenantClaim = "carport_tenant";
export const oidcAccounts: Record<string, { groups: string[]; tenant?: string }> = {
  "sso-admin": { groups: [oidcAdminGroup, "staff"] },
  "sso-tenant": { groups: ["staff"], tenant: "sso-co" },
  "sso-nobody": { groups: ["staff"] },
};

export interface RunningOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

export async function startOidcProvider(consoleUrl: string): Promise<RunningOidcProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = "carport-e2e";
  const clientSecret = randomBytes(24).toString("base64url");
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${consoleUrl}/api/auth/callback/oidc`],
        response_types: ["code"],
        grant_types: ["authorization_code"],
      },
    ],
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    claims: { openid: ["sub"], profile: ["preferred_username", "groups", oidcTenantClaim] },
    async findAccount(_ctx, id) {
      const account = oidcAccounts[id];
      return {
        accountId: id,
        async claims() {
          return {
            sub: id,
            preferred_username: id,
            groups: account?.groups ?? [],
            ...(account?.tenant ? { [oidcTenantClaim]: account.tenant } : {}),
          };
        },
      };
    },
  });
  // A refused code exchange says why here, in the test run's output.
  provider.on("grant.error", (ctx, error) =>
    console.error(
      `oidc-provider: grant refused: ${describe(error)} (redirect_uri ${String(ctx.oidc.params?.redirect_uri)})`,
    ),
  );
  const server = http.createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    issuer,
    clientId,
    clientSecret,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function describe(error: Error): string {
  const detail = "error_detail" in error && typeof error.error_detail === "string" ? `: ${error.error_detail}` : "";
  return `${error.message}${detail}`;
}
