import { bucketList } from "@/lib/server/resources/buckets";

/** The browser's refresh of the bucket list (lib/resources/buckets). */
export function GET(): Promise<Response> {
  return bucketList.respond();
}
