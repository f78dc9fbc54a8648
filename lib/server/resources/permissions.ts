import "server-only";
import { isConsoleKey } from "@/lib/server/s3/console-key";
import { permissionMatrixQuery } from "@/lib/resources/permissions";
import { readScopedMatrix } from "@/lib/server/tenancy/grants";
import { defineRead } from "./define-read";

/** The keys × buckets matrix through the caller's scope (a tenant's: its keys on its buckets), the console's own key marked. */
export const permissionMatrix = defineRead({ need: "tenant:read", query: permissionMatrixQuery }, async (ctx) => {
  const isConsole = isConsoleKey(ctx.connection.id);
  const matrix = await readScopedMatrix(ctx.store, ctx.scope);
  return { ...matrix, keys: matrix.keys.map((key) => ({ ...key, consoleKey: isConsole(key) })) };
});
