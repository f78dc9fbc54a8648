import { respondVersionPage } from "@/lib/server/resources/object-versions";

/** The browser's versions of a folder (lib/resources/object-versions): `?prefix=&keyMarker=&versionIdMarker=`. */
export async function GET(request: Request, { params }: { params: Promise<{ bucketId: string }> }): Promise<Response> {
  return respondVersionPage((await params).bucketId, new URL(request.url).searchParams);
}
