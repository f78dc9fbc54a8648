import "server-only";
import { isConsoleKey } from "@/lib/server/s3/console-key";
import { accessKeyListQuery } from "@/lib/resources/access-keys";
import { listScopedKeys } from "@/lib/server/tenancy/keys";
import { defineRead } from "./define-read";

/** Access keys through the caller's scope (never a secret), the console's own marked: the pages' prefetch and /api/keys. */
export const accessKeyList = defineRead({ need: "tenant:read", query: accessKeyListQuery }, async (ctx) => {
  const isConsole = isConsoleKey(ctx.connection.id);
  return (await listScopedKeys(ctx.store, ctx.scope)).map((key) => ({ ...key, consoleKey: isConsole(key) }));
});
