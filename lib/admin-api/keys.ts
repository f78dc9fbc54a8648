/**
 * Query key factories, one per resource. Both sides: server prefetches and client reads
 * must build identical keys, so nobody writes a literal key.
 */
export const healthKeys = {
  all: ["health"] as const,
  summary: (connectionId: string) => [...healthKeys.all, connectionId] as const,
};

export const accessKeyKeys = {
  all: ["access-keys"] as const,
  list: (connectionId: string) => [...accessKeyKeys.all, connectionId, "list"] as const,
};

export const bucketKeys = {
  all: ["buckets"] as const,
  list: (connectionId: string) => [...bucketKeys.all, connectionId, "list"] as const,
  detail: (connectionId: string, bucketId: string) => [...bucketKeys.all, connectionId, "detail", bucketId] as const,
};

export const permissionKeys = {
  all: ["permissions"] as const,
  matrix: (connectionId: string) => [...permissionKeys.all, connectionId, "matrix"] as const,
};

/** Folder listings of the object browser: one infinite query per bucket and prefix. */
export const objectKeys = {
  all: ["objects"] as const,
  bucket: (connectionId: string, bucketId: string) => [...objectKeys.all, connectionId, bucketId] as const,
  folder: (connectionId: string, bucketId: string, prefix: string) =>
    [...objectKeys.bucket(connectionId, bucketId), "folder", prefix] as const,
};

/** The cluster picture, the Overview's figures, the layout editor and admin tokens. */
export const clusterKeys = {
  all: ["cluster"] as const,
  picture: (connectionId: string) => [...clusterKeys.all, connectionId, "picture"] as const,
  overview: (connectionId: string) => [...clusterKeys.all, connectionId, "overview"] as const,
};

export const layoutKeys = {
  all: ["layout"] as const,
  editor: (connectionId: string) => [...layoutKeys.all, connectionId, "editor"] as const,
};

export const adminTokenKeys = {
  all: ["admin-tokens"] as const,
  list: (connectionId: string) => [...adminTokenKeys.all, connectionId, "list"] as const,
};

export const connectionKeys = {
  all: ["connections"] as const,
  list: () => [...connectionKeys.all, "list"] as const,
};
