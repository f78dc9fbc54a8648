import "server-only";
import { z } from "zod";
import type { ConsoleStore, ConsoleUser } from "@/lib/server/auth/store";
import { getConnection, s3PublicEndpoint } from "@/lib/server/connections";
import {
  createProjectCredential,
  deleteProjectCredential,
  findProjectCredential,
  NoSuchCredentialError,
  withSecrets,
} from "@/lib/server/credentials/project";
import { adoptCredentialBucketsLocked } from "@/lib/server/credentials/tenant-sync";
import { authenticatePassword, holderOf, mayUseProject, requireHolder, type TokenHolder } from "./auth";
import { forbidden, KeystoneError } from "./errors";
import { credentialBody, tokenBody, versionBody } from "./shapes";
import { issueToken } from "./tokens";

/**
 * The part of Keystone v3 that `openstack ec2 credentials create|list|show|delete` uses,
 * as a table: version discovery, password tokens and their validation, and the OS-EC2
 * credentials of a user. Paths are relative to /identity.
 */
export interface KeystoneContext {
  store: ConsoleStore;
  request: Request;
  params: Record<string, string>;
  body: unknown;
  /** Where this API is reached, e.g. http://127.0.0.1:3000/identity. */
  identityUrl: string;
}

export interface KeystoneAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface KeystoneRoute {
  method: "GET" | "HEAD" | "POST" | "DELETE";
  path: string;
  handle(context: KeystoneContext): Promise<KeystoneAnswer>;
}

const credentialsPath = "/v3/users/{user_id}/credentials/OS-EC2";

/** The token holder, acting on `{user_id}`: itself, or anyone for an admin. */
function holderActingOn(context: KeystoneContext): { holder: TokenHolder; user: ConsoleUser } {
  const holder = requireHolder(context.store, context.request);
  const userId = context.params.user_id;
  if (holder.user.id !== userId && holder.user.role !== "admin") throw forbidden();
  const user = context.store.findById(userId);
  if (!user) throw new KeystoneError(404, `Could not find user: ${userId}.`);
  return { holder, user };
}

function credentialOf(context: KeystoneContext, userId: string) {
  const access = context.params.access;
  try {
    const record = findProjectCredential(context.store, access);
    if (record.userId === userId) return record;
  } catch (error) {
    if (!(error instanceof NoSuchCredentialError)) throw error;
  }
  throw new KeystoneError(404, `Could not find credential: ${access}.`);
}

const createBody = z.object({ tenant_id: z.string().min(1) });

async function tokenAnswer(
  context: KeystoneContext,
  holder: TokenHolder,
  status: number,
  token: string,
): Promise<KeystoneAnswer> {
  const connection = holder.project ? getConnection(holder.project.connectionId) : null;
  const urls = {
    identity: context.identityUrl,
    s3: connection ? s3PublicEndpoint(connection) : null,
    region: connection?.region ?? "RegionOne",
  };
  return {
    status,
    body: tokenBody(holder.claims, holder.user, holder.project, urls),
    headers: { "X-Subject-Token": token },
  };
}

export const keystoneRoutes: KeystoneRoute[] = [
  {
    method: "GET",
    path: "/",
    async handle({ identityUrl }) {
      return { status: 300, body: { versions: { values: [versionBody(identityUrl)] } } };
    },
  },
  {
    method: "GET",
    path: "/v3",
    async handle({ identityUrl }) {
      return { status: 200, body: { version: versionBody(identityUrl) } };
    },
  },
  {
    method: "POST",
    path: "/v3/auth/tokens",
    async handle(context) {
      const { user, project } = await authenticatePassword(context.store, context.request, context.body);
      const { token, claims } = issueToken(user.id, project?.id ?? null);
      return tokenAnswer(context, { claims, user, project }, 201, token);
    },
  },
  {
    method: "GET",
    path: "/v3/auth/tokens",
    async handle(context) {
      requireHolder(context.store, context.request);
      const subject = context.request.headers.get("x-subject-token");
      const holder = holderOf(context.store, subject);
      if (!holder || subject === null) throw new KeystoneError(404, "Could not find token.");
      return tokenAnswer(context, holder, 200, subject);
    },
  },
  {
    method: "HEAD",
    path: "/v3/auth/tokens",
    async handle(context) {
      requireHolder(context.store, context.request);
      if (!holderOf(context.store, context.request.headers.get("x-subject-token")))
        throw new KeystoneError(404, "Could not find token.");
      return { status: 200, body: null };
    },
  },
  {
    method: "GET",
    path: credentialsPath,
    async handle(context) {
      const { user } = holderActingOn(context);
      const records = context.store.credentials.ofUser(user.id);
      for (const tenantId of new Set(records.map((record) => record.tenantId))) {
        const tenant = context.store.tenants.find(tenantId);
        if (tenant) await adoptCredentialBucketsLocked(context.store, tenant);
      }
      const credentials = await withSecrets(context.store, records);
      const self = `${context.identityUrl}/v3/users/${encodeURIComponent(user.id)}/credentials/OS-EC2`;
      return {
        status: 200,
        body: {
          credentials: credentials.map((item) => credentialBody(item, context.identityUrl)),
          links: { self, previous: null, next: null },
        },
      };
    },
  },
  {
    method: "POST",
    path: credentialsPath,
    async handle(context) {
      const { holder, user } = holderActingOn(context);
      if (holder.user.role === "viewer") throw forbidden();
      const parsed = createBody.safeParse(context.body);
      if (!parsed.success) throw new KeystoneError(400, "Expecting to find tenant_id in credential.");
      const project = context.store.tenants.find(parsed.data.tenant_id);
      if (!project) throw new KeystoneError(404, `Could not find project: ${parsed.data.tenant_id}.`);
      if (!mayUseProject(user, project)) throw forbidden();
      const created = await createProjectCredential(context.store, project, user);
      return { status: 201, body: { credential: credentialBody(created, context.identityUrl) } };
    },
  },
  {
    method: "GET",
    path: `${credentialsPath}/{access}`,
    async handle(context) {
      const { user } = holderActingOn(context);
      const [credential] = await withSecrets(context.store, [credentialOf(context, user.id)]);
      return { status: 200, body: { credential: credentialBody(credential, context.identityUrl) } };
    },
  },
  {
    method: "DELETE",
    path: `${credentialsPath}/{access}`,
    async handle(context) {
      const { holder, user } = holderActingOn(context);
      if (holder.user.role === "viewer") throw forbidden();
      await deleteProjectCredential(context.store, credentialOf(context, user.id));
      return { status: 204, body: null };
    },
  },
];
