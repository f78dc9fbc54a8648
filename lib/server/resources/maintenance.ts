import "server-only";
import { readMaintenance } from "@/lib/server/admin-api/maintenance";
import { maintenanceQuery } from "@/lib/resources/maintenance";
import { defineRead } from "./define-read";
import { gated } from "./gated";

/** The background repairs, read on the server: the pages' prefetch and /api/maintenance. */
export const maintenance = defineRead({ need: "cluster:read", query: maintenanceQuery }, ({ connection }) =>
  gated(connection, "workers", () => readMaintenance(connection)),
);
