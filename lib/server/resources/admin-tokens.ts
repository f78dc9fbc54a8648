import "server-only";
import { listAdminTokens } from "@/lib/server/admin-api/admin-tokens";
import { adminTokenListQuery } from "@/lib/resources/admin-tokens";
import { defineRead } from "./define-read";
import { gated } from "./gated";

/** The cluster's admin tokens, read on the server: the page's prefetch and /api/tokens. */
export const adminTokenList = defineRead({ need: "cluster:read", query: adminTokenListQuery }, ({ connection }) =>
  gated(connection, "adminTokens", () => listAdminTokens(connection)),
);
