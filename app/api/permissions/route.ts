import { respondPermissions } from "@/lib/server/resources/permissions";

/** The browser's refresh of the permission matrix, whole or a page (lib/resources/permissions). */
export function GET(request: Request): Promise<Response> {
  return respondPermissions(new URL(request.url).searchParams);
}
