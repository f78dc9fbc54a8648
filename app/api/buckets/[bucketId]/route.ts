import { bucketDetail } from "@/lib/server/resources/buckets";

/** The browser's refresh of one bucket (lib/resources/buckets). */
export async function GET(_request: Request, { params }: { params: Promise<{ bucketId: string }> }): Promise<Response> {
  return bucketDetail.respond((await params).bucketId);
}
