import { readPermissionMatrix } from "@/lib/admin-api/permissions";
import { readRoute } from "@/lib/server/read-route";

export async function GET(): Promise<Response> {
  return readRoute(readPermissionMatrix);
}
