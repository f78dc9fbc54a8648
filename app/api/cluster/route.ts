import { clusterPicture } from "@/lib/server/resources/cluster";

/** The browser's refresh of the cluster picture (lib/resources/cluster). */
export function GET(): Promise<Response> {
  return clusterPicture.respond();
}
