import { permissionMatrix } from "@/lib/server/resources/permissions";

/** The browser's refresh of the permission matrix (lib/resources/permissions). */
export function GET(): Promise<Response> {
  return permissionMatrix.respond();
}
