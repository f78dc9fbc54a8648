import { listBuckets } from "@/lib/admin-api/buckets";
import { readRoute } from "@/lib/server/read-route";

export async function GET(): Promise<Response> {
  return readRoute(listBuckets);
}
