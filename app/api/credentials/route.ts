import { credentialList } from "@/lib/server/resources/credentials";

/** The browser's refresh of the project credentials (lib/resources/credentials). */
export function GET(): Promise<Response> {
  return credentialList.respond();
}
