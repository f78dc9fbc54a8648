import { maintenance } from "@/lib/server/resources/maintenance";

/** The browser's refresh of the background repairs (lib/resources/maintenance). */
export function GET(): Promise<Response> {
  return maintenance.respond();
}
