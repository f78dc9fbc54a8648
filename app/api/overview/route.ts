import { overview } from "@/lib/server/resources/cluster";

/** The browser's refresh of the Overview's figures (lib/resources/cluster). */
export function GET(): Promise<Response> {
  return overview.respond();
}
