import { accessKeyList } from "@/lib/server/resources/access-keys";

/** The browser's refresh of the access keys (lib/resources/access-keys). */
export function GET(): Promise<Response> {
  return accessKeyList.respond();
}
