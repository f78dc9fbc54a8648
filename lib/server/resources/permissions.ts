import "server-only";
import { readPermissionMatrix } from "@/lib/server/admin-api/permissions";
import { permissionMatrixQuery } from "@/lib/resources/permissions";
import { defineRead } from "./define-read";

/** The keys × buckets matrix, read on the server: the page's prefetch and /api/permissions. */
export const permissionMatrix = defineRead({ need: "cluster:read", query: permissionMatrixQuery }, (ctx) =>
  readPermissionMatrix(ctx.connection),
);
