/**
 * Query key factories, one per resource. Both sides: server prefetches and client reads
 * must build identical keys, so nobody writes a literal key.
 */
export const healthKeys = {
  all: ["health"] as const,
  summary: (connectionId: string) => [...healthKeys.all, connectionId] as const,
};
