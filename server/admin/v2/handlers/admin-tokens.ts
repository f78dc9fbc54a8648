import { z } from "zod";
import { limits } from "../../../util/limits";
import type { V2OperationTable, V2Schema } from "../contract";
import { defineOperation } from "../define";
import { isoDate } from "../render";
import type { AdminCaller, AdminRequestContext } from "../../context";
import { AdminError } from "../../errors";
import { isV2OperationName } from "../operations";
import { isExpired, type AdminTokenRecord } from "../../../engine/service/admin-tokens";

/** v2 admin tokens: list, get, get current, create (secret shown once), update, delete. */

const tokenBody = z
  .object({
    name: z.string().max(limits.maxNameLength).nullable().optional(),
    expiration: z.iso.datetime({ offset: true }).nullable().optional(),
    neverExpires: z.boolean().optional(),
    scope: z.array(z.string()).max(limits.maxAdminTokenScope).nullable().optional(),
  })
  .default({});

type TokenChange = z.infer<typeof tokenBody>;

function tokenInfo(token: AdminTokenRecord): V2Schema<"GetAdminTokenInfoResponse"> {
  return {
    id: token.id,
    created: isoDate(token.createdMs),
    name: token.name,
    expiration: isoDate(token.expirationMs),
    expired: isExpired(token),
    scope: token.scope,
  };
}

/** The configured admin token, shown as Garage shows it. */
const rootTokenInfo = {
  id: null,
  created: null,
  name: "admin_token (from daemon configuration)",
  expiration: null,
  expired: false,
  scope: ["*"],
};

function checkScope(scope: string[]): string[] {
  for (const entry of scope) {
    if (entry !== "*" && !isV2OperationName(entry))
      throw new AdminError("InvalidRequest", `Unknown endpoint in scope: ${entry}`);
  }
  return scope;
}

function applyChange(token: AdminTokenRecord, change: TokenChange): AdminTokenRecord {
  if (change.neverExpires && change.expiration)
    throw new AdminError("InvalidRequest", "Give either expiration or neverExpires, not both.");
  const next = { ...token };
  if (change.name !== undefined && change.name !== null) next.name = change.name;
  if (change.expiration) next.expirationMs = Date.parse(change.expiration);
  if (change.neverExpires) next.expirationMs = null;
  if (change.scope !== undefined && change.scope !== null) next.scope = checkScope(change.scope);
  return next;
}

/**
 * A token hands out only what it holds (MinIO's advisories: privilege escalation
 * through key management): a scoped caller creates, changes or deletes only tokens
 * whose scope is within its own and which expire no later than it does.
 */
function requireWithinCaller(caller: AdminCaller, token: Pick<AdminTokenRecord, "scope" | "expirationMs">): void {
  if (caller.kind === "root") return;
  const own = caller.token;
  const widens = !own.scope.includes("*") && token.scope.some((entry) => !own.scope.includes(entry));
  const outlives = own.expirationMs !== null && (token.expirationMs === null || token.expirationMs > own.expirationMs);
  if (widens || outlives)
    throw new AdminError(
      "AccessDenied",
      "Forbidden: a token cannot grant a wider scope or a longer life than its own.",
    );
}

function findToken(context: AdminRequestContext, query: { id?: string; search?: string }): AdminTokenRecord {
  const tokens = context.admin.engine.adminTokens;
  if (query.id !== undefined) return tokens.require(query.id);
  if (query.search !== undefined) return tokens.find(query.search);
  throw new AdminError("InvalidRequest", "Give either id or search.");
}

async function createToken(context: AdminRequestContext, body: TokenChange) {
  const draft = applyChange(
    {
      v: 1,
      id: "",
      name: "Unnamed token",
      createdMs: 0,
      expirationMs: null,
      scope: ["*"],
      secretSha256: Buffer.alloc(0),
    },
    body,
  );
  requireWithinCaller(context.caller, draft);
  const { record, secretToken } = await context.admin.engine.adminTokens.create({
    name: draft.name,
    expirationMs: draft.expirationMs,
    scope: draft.scope,
  });
  return { ...tokenInfo(record), secretToken };
}

const idQuery = z.object({ id: z.string().min(1) });

export const adminTokenOperations = {
  ListAdminTokens: defineOperation({
    handle: (context) => [rootTokenInfo, ...context.admin.engine.adminTokens.list().map(tokenInfo)],
  }),
  GetAdminTokenInfo: defineOperation({
    query: z.object({ id: z.string().optional(), search: z.string().optional() }),
    handle: (context, { query }) => tokenInfo(findToken(context, query)),
  }),
  GetCurrentAdminTokenInfo: defineOperation({
    handle: (context) => (context.caller.kind === "root" ? rootTokenInfo : tokenInfo(context.caller.token)),
  }),
  CreateAdminToken: defineOperation({ body: tokenBody, handle: (context, { body }) => createToken(context, body) }),
  UpdateAdminToken: defineOperation({
    query: idQuery,
    body: tokenBody,
    handle: async (context, { query, body }) =>
      tokenInfo(
        await context.admin.engine.adminTokens.update(query.id, (record) => {
          requireWithinCaller(context.caller, record);
          const next = applyChange(record, body);
          requireWithinCaller(context.caller, next);
          return next;
        }),
      ),
  }),
  DeleteAdminToken: defineOperation({
    query: idQuery,
    handle: async (context, { query }) => {
      requireWithinCaller(context.caller, context.admin.engine.adminTokens.require(query.id));
      await context.admin.engine.adminTokens.delete(query.id);
      return undefined;
    },
  }),
} satisfies Partial<V2OperationTable>;
