import { tenantList } from "@/lib/server/resources/tenants";

/** The browser's refresh of the tenants (lib/resources/tenants). */
export function GET(): Promise<Response> {
  return tenantList.respond();
}
