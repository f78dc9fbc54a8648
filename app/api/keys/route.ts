import { listAccessKeys } from "@/lib/admin-api/access-keys";
import { readRoute } from "@/lib/server/read-route";

/** Access keys for the browser's refresh: names and dates, never secrets. */
export async function GET(): Promise<Response> {
  return readRoute(listAccessKeys);
}
