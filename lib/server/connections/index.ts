import "server-only";
import { cookies } from "next/headers";
import { getConnectionStore } from "@/lib/server/connections/store";
import type { Connection, PublicConnection } from "@/lib/connections/types";

export type { Connection, PublicConnection } from "@/lib/connections/types";
export { detectClusterVersion } from "@/lib/server/connections/detect";

export const localConnectionId = "local";
/** The cookie holding the chosen connection's id; validated on every request. */
export const connectionCookieName = "carport-connection";

export class UnknownConnectionError extends Error {
  override name = "UnknownConnectionError";
  constructor(readonly connectionId: string) {
    super(`unknown connection: ${connectionId}`);
  }
}

type Env = Record<string, string | undefined>;

/** The embedded engine, on the ports the start script passed in the environment. */
export function localConnection(env: Env = process.env): Connection {
  const adminToken = env.CARPORT_ADMIN_TOKEN;
  if (!adminToken)
    throw new Error("CARPORT_ADMIN_TOKEN is not set: start the console with `npm start` or `npm run dev`");
  return {
    id: localConnectionId,
    name: "Local engine",
    adminUrl: `http://127.0.0.1:${env.CARPORT_ADMIN_PORT ?? 3903}`,
    adminToken,
    s3Endpoint: `http://127.0.0.1:${env.CARPORT_S3_PORT ?? 3900}`,
    region: env.CARPORT_S3_REGION ?? "garage",
  };
}

/**
 * The S3 endpoint clients are given in credentials (a Hikube secret, the Connect panel):
 * the embedded engine's public URL (`[s3_api] public_url` / CARPORT_S3_PUBLIC_URL, passed
 * by the start script), or a remote cluster's S3 endpoint as its connection names it.
 */
export function s3PublicEndpoint(connection: Connection, env: Env = process.env): string {
  if (connection.id === localConnectionId && env.CARPORT_S3_PUBLIC_URL) return env.CARPORT_S3_PUBLIC_URL;
  return connection.s3Endpoint;
}

/** A connection by id: `local` or a stored remote cluster. Throws UnknownConnectionError. */
export function getConnection(connectionId: string): Connection {
  if (connectionId === localConnectionId) return localConnection();
  const found = getConnectionStore().find(connectionId);
  if (!found) throw new UnknownConnectionError(connectionId);
  return found;
}

/**
 * The connection the signed-in admin chose in the header (the cookie), validated against
 * the store on every call; an unknown or removed id falls back to `local`. Every page,
 * route handler and action that talks to a cluster reads its connection here.
 */
export async function getActiveConnection(): Promise<Connection> {
  const chosen = (await cookies()).get(connectionCookieName)?.value;
  if (!chosen || chosen === localConnectionId) return localConnection();
  return getConnectionStore().find(chosen) ?? localConnection();
}

/** Every connection as the browser may see it (no tokens), `local` first. */
export function listPublicConnections(): PublicConnection[] {
  return [localConnection(), ...getConnectionStore().list()].map(toPublicConnection);
}

export function toPublicConnection({ adminToken: _adminToken, ...rest }: Connection): PublicConnection {
  return rest;
}
