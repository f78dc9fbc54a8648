import { respondFolderPage } from "@/lib/server/resources/objects";

/** The browser's next page of a folder (lib/resources/objects): `?prefix=a/b/&token=<S3 continuation token>`. */
export async function GET(request: Request, { params }: { params: Promise<{ bucketId: string }> }): Promise<Response> {
  return respondFolderPage((await params).bucketId, new URL(request.url).searchParams);
}
