/**
 * The admin endpoints grouped the way people think of them, and the scope presets the
 * token form offers. Both sides. Each endpoint lands in exactly one group (the first
 * whose pattern it matches), so a new endpoint shows up under "Other" rather than nowhere.
 */
export interface EndpointGroup {
  title: string;
  endpoints: string[];
}

const groupPatterns: Array<{ title: string; pattern: RegExp }> = [
  { title: "Buckets", pattern: /Bucket|InspectObject|CleanupIncompleteUploads/ },
  { title: "Access keys", pattern: /Key(Info)?$|Keys$|ImportKey/ },
  { title: "Admin tokens", pattern: /AdminToken/ },
  { title: "Layout", pattern: /Layout/ },
  { title: "Cluster and nodes", pattern: /Cluster|Node/ },
  { title: "Workers, blocks and repairs", pattern: /Worker|Block|Repair|Snapshot/ },
];

export function groupEndpoints(endpoints: readonly string[]): EndpointGroup[] {
  const groups = [
    ...groupPatterns.map(({ title }) => ({ title, endpoints: [] as string[] })),
    { title: "Other", endpoints: [] as string[] },
  ];
  for (const endpoint of endpoints) {
    const index = groupPatterns.findIndex(({ pattern }) => pattern.test(endpoint));
    groups[index === -1 ? groups.length - 1 : index].endpoints.push(endpoint);
  }
  return groups.filter((group) => group.endpoints.length > 0);
}

/** Endpoints that only read: Get…, List…, Inspect…. */
export function isReadOnlyEndpoint(endpoint: string): boolean {
  return /^(Get|List|Inspect)/.test(endpoint);
}

export type ScopePreset = "read-only" | "buckets-and-keys" | "everything";

export const scopePresetLabels: Record<ScopePreset, string> = {
  "read-only": "Read-only",
  "buckets-and-keys": "Buckets and keys",
  everything: "Everything",
};

/** The scope a preset stands for; "everything" is `*`, which also covers endpoints added later. */
export function presetScope(preset: ScopePreset, endpoints: readonly string[]): string[] {
  if (preset === "everything") return ["*"];
  if (preset === "read-only") return endpoints.filter(isReadOnlyEndpoint);
  const wanted = new Set(["Buckets", "Access keys"]);
  return groupEndpoints(endpoints)
    .filter((group) => wanted.has(group.title))
    .flatMap((group) => group.endpoints);
}
