import { localConnectionId } from "@/lib/server/connections";
import { health } from "@/lib/server/resources/cluster";

/** The browser's refresh of one connection's health (lib/resources/cluster). */
export function GET(request: Request): Promise<Response> {
  return health.respond(new URL(request.url).searchParams.get("connection") ?? localConnectionId);
}
