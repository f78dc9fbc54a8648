/**
 * Which admin API a cluster speaks and what the console can do with it. Both sides: the
 * server detects the version (lib/server/connections/detect.ts); pages and components read the
 * features to offer a control or to say why it is missing.
 */
export const apiVersions = ["v2", "v1", "v0"] as const;
export type ApiVersion = (typeof apiVersions)[number];

export interface ClusterVersion {
  apiVersion: ApiVersion;
  /** The lowest Garage version reported by the cluster's nodes, e.g. "v2.3.0"; null if unknown. */
  garageVersion: string | null;
}

export const features = [
  "health",
  "clusterPicture",
  "partitions",
  "layoutEdit",
  "layoutPreview",
  "layoutHistory",
  "zoneRedundancy",
  "adminTokens",
  "currentTokenInfo",
  "workers",
  "blockErrors",
  "statistics",
  "addVolume",
  "bucketRules",
  "keyExpiry",
] as const;
export type Feature = (typeof features)[number];

/** The oldest Garage release offering each feature through the admin API the console uses. */
const requirements: Record<
  Feature,
  { apiVersion: ApiVersion; garage?: string; /** The subject and its verb: "Admin tokens need". */ label: string }
> = {
  health: { apiVersion: "v1", label: "Cluster health needs" },
  clusterPicture: { apiVersion: "v1", label: "The cluster picture needs" },
  partitions: { apiVersion: "v2", label: "Partition and usable-capacity figures need" },
  layoutEdit: { apiVersion: "v2", label: "Editing the layout from the console needs" },
  layoutPreview: { apiVersion: "v2", label: "Previewing layout changes needs" },
  layoutHistory: { apiVersion: "v2", label: "The layout history needs" },
  zoneRedundancy: { apiVersion: "v2", label: "Setting zone redundancy needs" },
  adminTokens: { apiVersion: "v2", label: "Admin tokens need" },
  currentTokenInfo: { apiVersion: "v2", garage: "2.1.0", label: "Reading the current token needs" },
  workers: { apiVersion: "v2", label: "Background workers need" },
  blockErrors: { apiVersion: "v2", label: "Block errors need" },
  statistics: { apiVersion: "v2", label: "Cluster statistics need" },
  addVolume: { apiVersion: "v2", label: "Connecting nodes needs" },
  bucketRules: { apiVersion: "v2", label: "Editing CORS and lifecycle rules from the console needs" },
  keyExpiry: { apiVersion: "v2", label: "Keys that expire need" },
};

/** Whether a cluster whose version could not be read may be offered a feature: yes, its call will say. */
export function offers(version: ClusterVersion | null, feature: Feature): boolean {
  return version === null || supports(version, feature);
}

const rank: Record<ApiVersion, number> = { v0: 0, v1: 1, v2: 2 };

/** Parses "v2.1.0" or "2.1.0-rc1" into numbers; null when it is not a version. */
export function parseGarageVersion(value: string | null | undefined): [number, number, number] | null {
  const match = value?.match(/^v?(\d+)\.(\d+)(?:\.(\d+))?/);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)] : null;
}

export function compareGarageVersions(left: string, right: string): number {
  const a = parseGarageVersion(left) ?? [0, 0, 0];
  const b = parseGarageVersion(right) ?? [0, 0, 0];
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

export function supports(version: ClusterVersion, feature: Feature): boolean {
  const needed = requirements[feature];
  if (rank[version.apiVersion] < rank[needed.apiVersion]) return false;
  // An unknown Garage version gets the benefit of the doubt; the call itself will say no.
  if (needed.garage && version.garageVersion && parseGarageVersion(version.garageVersion))
    return compareGarageVersions(version.garageVersion, needed.garage) >= 0;
  return true;
}

/** "Admin tokens need Garage v2 (this cluster runs v1.2.0)." */
export function missingFeatureMessage(version: ClusterVersion, feature: Feature): string {
  const needed = requirements[feature];
  const minimum = needed.garage ? `v${needed.garage}` : needed.apiVersion === "v2" ? "v2" : "v0.9";
  const running = version.garageVersion ?? `admin API ${version.apiVersion}`;
  return `${needed.label} Garage ${minimum} (this cluster runs ${running}).`;
}

/** The oldest of the nodes' versions: what every node can answer. */
export function lowestGarageVersion(values: Array<string | null | undefined>): string | null {
  const known = values.filter(
    (value): value is string => typeof value === "string" && parseGarageVersion(value) !== null,
  );
  if (known.length === 0) return null;
  return known.reduce((lowest, value) => (compareGarageVersions(value, lowest) < 0 ? value : lowest));
}

/**
 * What a page reads from a cluster, as one serialisable value: the detected version, the
 * data when the cluster offers it, or the sentence saying why not.
 */
export type Gated<T> =
  { version: ClusterVersion; data: T; missing: null } | { version: ClusterVersion; data: null; missing: string };
