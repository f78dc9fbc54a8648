import "server-only";
import { listHikubeSummaries } from "@/lib/server/hikube/console";
import { hikubeListQuery } from "@/lib/resources/hikube";
import { defineRead } from "./define-read";

/** Hikube buckets, read on the server (never a secret): the page's prefetch and /api/hikube. */
export const hikubeList = defineRead({ need: "tenant:read", query: hikubeListQuery }, (ctx) =>
  listHikubeSummaries(ctx.store, ctx.scope),
);
