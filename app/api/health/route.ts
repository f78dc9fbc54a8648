import { readHealthSummary } from "@/lib/admin-api/health";
import { authorizeRequest } from "@/lib/auth/guard";
import { getConnection, UnknownConnectionError } from "@/lib/connections";

/** The browser's health refresh: session checked here, the admin token stays on the server. */
export async function GET(request: Request): Promise<Response> {
  const authorized = await authorizeRequest("admin");
  if (!authorized.ok) return authorized.response;
  const connectionId = new URL(request.url).searchParams.get("connection") ?? "local";
  try {
    const summary = await readHealthSummary(getConnection(connectionId));
    return Response.json(summary, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof UnknownConnectionError) {
      return Response.json({ error: { code: "NoSuchConnection", message: error.message } }, { status: 404 });
    }
    throw error;
  }
}
