import { listBuckets } from "@/lib/admin-api/buckets";
import { readRoute } from "@/lib/actions/read-route";

export async function GET(): Promise<Response> {
  return readRoute(listBuckets);
}
