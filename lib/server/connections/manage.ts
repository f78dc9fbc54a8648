import "server-only";
import { cookies } from "next/headers";
import type { ClusterVersion } from "@/lib/admin-api/version";
import { AdminApiError, humanMessage } from "@/lib/admin-api/errors";
import { detectClusterVersion, forgetClusterVersion, probeClusterVersion } from "@/lib/server/connections/detect";
import {
  connectionCookieName,
  getConnection,
  listPublicConnections,
  localConnectionId,
  toPublicConnection,
  UnknownConnectionError,
} from "@/lib/server/connections";
import { getConnectionStore, type NewConnection } from "@/lib/server/connections/store";
import type { DescribedConnection, PublicConnection } from "@/lib/connections/types";

/** Adding, choosing and removing connections: the writes behind lib/actions/connections. */

/** Probes the cluster first, so a wrong URL or token is refused before anything is stored. */
export async function addConnection(
  input: NewConnection,
): Promise<{ connection: PublicConnection; version: ClusterVersion }> {
  const version = await probeClusterVersion(input);
  const connection = getConnectionStore().add(input);
  return { connection: toPublicConnection(connection), version };
}

const cookieMaxAgeSeconds = 60 * 60 * 24 * 365;

export async function selectConnection(connectionId: string): Promise<PublicConnection> {
  const connection = getConnection(connectionId);
  // Not a secret (an id, re-validated on every request), but no script needs it either.
  (await cookies()).set(connectionCookieName, connection.id, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: cookieMaxAgeSeconds,
  });
  return toPublicConnection(connection);
}

export async function removeConnection(connectionId: string): Promise<void> {
  if (connectionId === localConnectionId) throw new UnknownConnectionError(connectionId);
  if (!getConnectionStore().remove(connectionId)) throw new UnknownConnectionError(connectionId);
  forgetClusterVersion(connectionId);
  const jar = await cookies();
  if (jar.get(connectionCookieName)?.value === connectionId) jar.delete(connectionCookieName);
}

/** Every connection with its detected version (or why it could not be read), for the list page. */
export async function describeConnections(): Promise<DescribedConnection[]> {
  return Promise.all(
    listPublicConnections().map(async (connection) => {
      try {
        return { ...connection, version: await detectClusterVersion(getConnection(connection.id)), problem: null };
      } catch (error) {
        return {
          ...connection,
          version: null,
          problem: error instanceof AdminApiError ? humanMessage(error) : "The cluster's answer was not understood.",
        };
      }
    }),
  );
}
