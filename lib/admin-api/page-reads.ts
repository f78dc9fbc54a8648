import "server-only";
import { detectClusterVersion, type Connection } from "@/lib/connections";
import { readClusterPicture } from "./cluster";
import { readLayoutEditor } from "./layout";
import { readOverviewFigures } from "./overview";
import type { ClusterPageData, Gated, LayoutPageData, OverviewPageData, TokensPageData } from "./page-data";
import { listAdminTokens } from "./tokens";
import { missingFeatureMessage, supports, type ClusterVersion, type Feature } from "./version";

/** One read per cluster page, gated by what the connection's Garage version offers. */
async function gated<T>(
  connection: Connection,
  feature: Feature,
  read: (version: ClusterVersion) => Promise<T>,
): Promise<Gated<T>> {
  const version = await detectClusterVersion(connection);
  if (!supports(version, feature)) return { version, data: null, missing: missingFeatureMessage(version, feature) };
  return { version, data: await read(version), missing: null };
}

export function readClusterPage(connection: Connection): Promise<ClusterPageData> {
  return gated(connection, "clusterPicture", (version) => readClusterPicture(connection, version));
}

export function readOverviewPage(connection: Connection): Promise<OverviewPageData> {
  return gated(connection, "clusterPicture", async (version) => {
    const picture = await readClusterPicture(connection, version);
    return { picture, figures: await readOverviewFigures(connection, version, picture) };
  });
}

export function readLayoutPage(connection: Connection): Promise<LayoutPageData> {
  return gated(connection, "layoutEdit", () => readLayoutEditor(connection));
}

export function readTokensPage(connection: Connection): Promise<TokensPageData> {
  return gated(connection, "adminTokens", () => listAdminTokens(connection));
}
