import { readHealthSummary } from "@/lib/admin-api/health";
import { authorizeRequest } from "@/lib/auth/guard";
import { detectClusterVersion, getConnection, UnknownConnectionError } from "@/lib/connections";

/** The browser's health refresh: session checked here, the admin token stays on the server. */
export async function GET(request: Request): Promise<Response> {
  const authorized = await authorizeRequest("admin");
  if (!authorized.ok) return authorized.response;
  const connectionId = new URL(request.url).searchParams.get("connection") ?? "local";
  try {
    const connection = getConnection(connectionId);
    // An undetectable cluster is read as v2: the health call then reports why it fails.
    const apiVersion = await detectClusterVersion(connection).then(
      (version) => version.apiVersion,
      () => "v2" as const,
    );
    const summary = await readHealthSummary(connection, apiVersion);
    return Response.json(summary, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof UnknownConnectionError) {
      return Response.json({ error: { code: "NoSuchConnection", message: error.message } }, { status: 404 });
    }
    throw error;
  }
}
