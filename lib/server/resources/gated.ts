import "server-only";
import {
  missingFeatureMessage,
  supports,
  type ClusterVersion,
  type Feature,
  type Gated,
} from "@/lib/admin-api/version";
import { detectClusterVersion, type Connection } from "@/lib/server/connections";

/** The cluster's version for a page to gate its controls on; null when it cannot be read now. */
export function clusterVersionOrNull(connection: Connection): Promise<ClusterVersion | null> {
  return detectClusterVersion(connection).catch(() => null);
}

/** A read the cluster may not offer: the data when its version has the feature, else why not. */
export async function gated<T>(
  connection: Connection,
  feature: Feature,
  read: (version: ClusterVersion) => Promise<T>,
): Promise<Gated<T>> {
  const version = await detectClusterVersion(connection);
  if (!supports(version, feature)) return { version, data: null, missing: missingFeatureMessage(version, feature) };
  return { version, data: await read(version), missing: null };
}
