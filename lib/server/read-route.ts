import "server-only";
import { authorizeRequest } from "@/lib/auth/guard";
import { getActiveConnection, type Connection } from "@/lib/connections";
import { describeActionError } from "@/lib/server/action-errors";

/**
 * The shape of the console's GET routes for the browser's refreshes: session and role
 * checked here, one named read, JSON out; errors as `{ error: { code, message } }`.
 */
export async function readRoute<T>(read: (connection: Connection) => Promise<T>): Promise<Response> {
  const authorized = await authorizeRequest("admin");
  if (!authorized.ok) return authorized.response;
  try {
    return Response.json(await read(await getActiveConnection()), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    const described = describeActionError(error);
    const status = described.code === "NoSuchBucket" || described.code === "NoSuchAccessKey" ? 404 : 502;
    return Response.json({ error: { code: described.code ?? "InternalError", message: described.error } }, { status });
  }
}
