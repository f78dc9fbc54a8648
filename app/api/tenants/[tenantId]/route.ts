import { tenantPage } from "@/lib/server/resources/tenants";

/** The browser's refresh of one tenant's page (lib/resources/tenants). */
export async function GET(_request: Request, { params }: { params: Promise<{ tenantId: string }> }) {
  return tenantPage.respond((await params).tenantId);
}
