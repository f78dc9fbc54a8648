import { hikubeList } from "@/lib/server/resources/hikube";

/** The browser's refresh of the Hikube buckets (lib/resources/hikube). */
export function GET(): Promise<Response> {
  return hikubeList.respond();
}
