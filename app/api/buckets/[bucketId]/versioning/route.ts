import { respondVersioning } from "@/lib/server/resources/object-versions";

/** A bucket's S3 versioning state (lib/resources/object-versions). */
export async function GET(_request: Request, { params }: { params: Promise<{ bucketId: string }> }): Promise<Response> {
  return respondVersioning((await params).bucketId);
}
