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
  folder: (connectionId: string, bucketId: string, prefix: string) => [...objectKeys.bucket(connectionId, bucketId), "folder", prefix] as const,
};
