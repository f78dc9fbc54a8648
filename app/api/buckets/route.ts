import { respondBuckets } from "@/lib/server/resources/buckets";

/** The browser's refresh of the bucket list or of one page of it (lib/resources/buckets). */
export function GET(request: Request): Promise<Response> {
  return respondBuckets(new URL(request.url).searchParams);
}
