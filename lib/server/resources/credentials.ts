import "server-only";
import { listCredentials } from "@/lib/server/credentials/console";
import { credentialListQuery } from "@/lib/resources/credentials";
import { defineRead } from "./define-read";

/** Project credentials, read on the server (never a secret): the page's prefetch and /api/credentials. */
export const credentialList = defineRead({ need: "tenant:read", query: credentialListQuery }, (ctx) =>
  listCredentials(ctx.store, ctx.scope),
);
