import "server-only";
import { readClusterPicture } from "@/lib/server/admin-api/cluster";
import { readHealthSummary } from "@/lib/server/admin-api/health";
import { readOverviewFigures } from "@/lib/server/admin-api/overview";
import { detectClusterVersion, getConnection } from "@/lib/server/connections";
import { clusterPictureQuery, healthQuery, overviewQuery } from "@/lib/resources/cluster";
import { defineRead } from "./define-read";
import { gated } from "./gated";

/** The cluster's live state, read on the server: the pages' prefetch and /api/cluster, /api/overview, /api/health. */
export const clusterPicture = defineRead({ need: "cluster:read", query: clusterPictureQuery }, ({ connection }) =>
  gated(connection, "clusterPicture", (version) => readClusterPicture(connection, version)),
);

export const overview = defineRead({ need: "cluster:read", query: overviewQuery }, ({ connection }) =>
  gated(connection, "clusterPicture", async (version) => {
    const picture = await readClusterPicture(connection, version);
    return { picture, figures: await readOverviewFigures(connection, version, picture) };
  }),
);

/** Health of the connection the page showed (not necessarily the active one). */
export const health = defineRead(
  { need: "cluster:read", query: (_active, connectionId: string) => healthQuery(connectionId) },
  async (_ctx, connectionId: string) => {
    const connection = getConnection(connectionId);
    // An undetectable cluster is read as v2: the health call then reports why it fails.
    const apiVersion = await detectClusterVersion(connection).then(
      (version) => version.apiVersion,
      () => "v2" as const,
    );
    return readHealthSummary(connection, apiVersion);
  },
);
