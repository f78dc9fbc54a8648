import { respondBucketAccess } from "@/lib/server/resources/bucket-access";

/** A bucket's policy and ACL (lib/resources/bucket-access). */
export async function GET(_request: Request, { params }: { params: Promise<{ bucketId: string }> }): Promise<Response> {
  return respondBucketAccess((await params).bucketId);
}
