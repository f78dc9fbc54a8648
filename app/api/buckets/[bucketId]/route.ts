import { getBucket } from "@/lib/admin-api/buckets";
import { readRoute } from "@/lib/server/read-route";

export async function GET(_request: Request, { params }: { params: Promise<{ bucketId: string }> }): Promise<Response> {
  const { bucketId } = await params;
  return readRoute((connection) => getBucket(connection, bucketId));
}
