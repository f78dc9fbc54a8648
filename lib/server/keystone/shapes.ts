import "server-only";
import type { ConsoleUser } from "@/lib/server/auth/store";
import type { Tenant } from "@/lib/tenancy/types";
import type { ProjectCredential } from "@/lib/server/credentials/project";
import type { TokenClaims } from "./tokens";

/** Keystone v3's bodies, with its field names: version discovery, tokens, EC2 credentials. */
export const defaultDomain = { id: "default", name: "Default" } as const;
const updated = "2024-01-01T00:00:00Z";
const mediaTypes = [{ base: "application/json", type: "application/vnd.openstack.identity-v3+json" }];

export function versionBody(identityUrl: string) {
  return {
    id: "v3.14",
    status: "stable",
    updated,
    links: [{ rel: "self", href: `${identityUrl}/v3/` }],
    "media-types": mediaTypes,
  };
}

/** Keystone's role names for the console's roles. */
const roleNames = { admin: "admin", viewer: "reader", tenant: "member" } as const;

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, ".000000Z");

export function tokenBody(
  claims: TokenClaims,
  user: ConsoleUser,
  project: Tenant | null,
  urls: { identity: string; s3: string | null; region: string },
) {
  const role = { id: roleNames[user.role], name: roleNames[user.role] };
  const scoped = project
    ? {
        project: { domain: defaultDomain, id: project.id, name: project.name },
        is_domain: false,
        roles: [role],
        catalog: catalog(urls),
      }
    : {};
  return {
    token: {
      methods: ["password"],
      user: { domain: defaultDomain, id: user.id, name: user.name, password_expires_at: null },
      audit_ids: [claims.auditId],
      expires_at: iso(claims.expiresAtMs),
      issued_at: iso(claims.issuedAtMs),
      ...scoped,
    },
  };
}

/** The identity service points back here; the S3 service is where the credentials work. */
function catalog(urls: { identity: string; s3: string | null; region: string }) {
  const endpoint = (id: string, url: string) => ({
    id,
    interface: "public",
    region: urls.region,
    region_id: urls.region,
    url,
  });
  const services = [
    {
      id: "identity",
      name: "keystone",
      type: "identity",
      endpoints: [endpoint("identity-public", `${urls.identity}/v3`)],
    },
  ];
  if (urls.s3) services.push({ id: "s3", name: "carport", type: "s3", endpoints: [endpoint("s3-public", urls.s3)] });
  return services;
}

export function credentialBody(credential: ProjectCredential, identityUrl: string) {
  return {
    user_id: credential.userId,
    tenant_id: credential.tenantId,
    access: credential.accessKeyId,
    secret: credential.secretAccessKey,
    trust_id: null,
    links: {
      self: `${identityUrl}/v3/users/${encodeURIComponent(credential.userId)}/credentials/OS-EC2/${encodeURIComponent(credential.accessKeyId)}`,
    },
  };
}
