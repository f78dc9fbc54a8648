import "server-only";
import { accessKeyListQuery } from "@/lib/resources/access-keys";
import { listScopedKeys } from "@/lib/server/tenancy/keys";
import { defineRead } from "./define-read";

/** Access keys through the caller's scope (never a secret): the pages' prefetch and /api/keys. */
export const accessKeyList = defineRead({ need: "tenant:read", query: accessKeyListQuery }, (ctx) =>
  listScopedKeys(ctx.store, ctx.scope),
);
