import { userList } from "@/lib/server/resources/tenants";

/** The browser's refresh of the console users (lib/resources/tenants). */
export function GET(): Promise<Response> {
  return userList.respond();
}
