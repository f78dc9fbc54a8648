import "server-only";
import { describeConnections } from "@/lib/server/connections/manage";
import { connectionListQuery } from "@/lib/resources/connections";
import { defineRead } from "./define-read";

/** The console's connections with their versions, read on the server: the page's prefetch and /api/connections. */
export const connectionList = defineRead({ need: "cluster:read", query: connectionListQuery }, async (ctx) => ({
  connections: await describeConnections(),
  activeId: ctx.connection.id,
}));
