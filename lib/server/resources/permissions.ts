import "server-only";
import { permissionMatrixQuery } from "@/lib/resources/permissions";
import { readScopedMatrix } from "@/lib/server/tenancy/grants";
import { defineRead } from "./define-read";

/** The keys × buckets matrix through the caller's scope (a tenant's: its keys on its buckets). */
export const permissionMatrix = defineRead({ need: "tenant:read", query: permissionMatrixQuery }, (ctx) =>
  readScopedMatrix(ctx.store, ctx.scope),
);
