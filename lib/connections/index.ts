import "server-only";
import type { Connection } from "./types";

export type { Connection, PublicConnection } from "./types";

export const localConnectionId = "local";

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
  if (!adminToken) throw new Error("CARPORT_ADMIN_TOKEN is not set: start the console with `npm start` or `npm run dev`");
  return {
    id: localConnectionId,
    name: "Local engine",
    adminUrl: `http://127.0.0.1:${env.CARPORT_ADMIN_PORT ?? 3903}`,
    adminToken,
    s3Endpoint: `http://127.0.0.1:${env.CARPORT_S3_PORT ?? 3900}`,
    region: env.CARPORT_S3_REGION ?? "garage",
  };
}

export function getConnection(connectionId: string): Connection {
  if (connectionId === localConnectionId) return localConnection();
  throw new UnknownConnectionError(connectionId);
}
