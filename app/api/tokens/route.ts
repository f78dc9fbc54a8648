import { adminTokenList } from "@/lib/server/resources/admin-tokens";

/** The browser's refresh of the admin tokens (lib/resources/admin-tokens). */
export function GET(): Promise<Response> {
  return adminTokenList.respond();
}
