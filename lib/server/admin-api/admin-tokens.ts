import "server-only";
import type { Connection } from "@/lib/server/connections";
import { createAdminClient, requestSignal, unwrap } from "@/lib/server/admin-api/client";
import type { AdminTokenView, CreatedAdminToken } from "@/lib/admin-api/admin-tokens";

/** Admin tokens (Garage v2): list, create, delete. The secret leaves only in create's answer. */
export async function listAdminTokens(connection: Connection): Promise<AdminTokenView[]> {
  const tokens = await unwrap(createAdminClient(connection).GET("/v2/ListAdminTokens", { signal: requestSignal() }));
  return tokens.map((token) => ({
    id: token.id ?? null,
    name: token.name,
    created: token.created ?? null,
    expiration: token.expiration ?? null,
    expired: token.expired,
    scope: token.scope,
  }));
}

export async function createAdminToken(
  connection: Connection,
  input: { name: string; scope: string[]; expiration: string | null },
): Promise<CreatedAdminToken> {
  const body = input.expiration
    ? { name: input.name, scope: input.scope, expiration: input.expiration }
    : { name: input.name, scope: input.scope, neverExpires: true };
  const created = await unwrap(
    createAdminClient(connection).POST("/v2/CreateAdminToken", { body, signal: requestSignal() }),
  );
  return { id: created.id ?? null, name: created.name, secretToken: created.secretToken };
}

export async function deleteAdminToken(connection: Connection, id: string): Promise<void> {
  await unwrap(
    createAdminClient(connection).POST("/v2/DeleteAdminToken", { params: { query: { id } }, signal: requestSignal() }),
  );
}
