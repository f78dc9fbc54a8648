import { readTokensPage } from "@/lib/admin-api/page-reads";
import { readRoute } from "@/lib/server/read-route";

/** The browser's refresh of this page's data: session and role checked, one named read. */
export async function GET(): Promise<Response> {
  return readRoute(readTokensPage);
}
