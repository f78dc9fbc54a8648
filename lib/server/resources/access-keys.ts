import "server-only";
import { listAccessKeys } from "@/lib/server/admin-api/access-keys";
import { accessKeyListQuery } from "@/lib/resources/access-keys";
import { defineRead } from "./define-read";

/** Access keys, read on the server (never a secret): the pages' prefetch and /api/keys. */
export const accessKeyList = defineRead({ need: "cluster:read", query: accessKeyListQuery }, (ctx) =>
  listAccessKeys(ctx.connection),
);
