import { connectionList } from "@/lib/server/resources/connections";

/** The browser's refresh of the connections (lib/resources/connections). */
export function GET(): Promise<Response> {
  return connectionList.respond();
}
