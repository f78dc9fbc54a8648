import { queryOptions } from "@tanstack/react-query";
import type { HikubeBucketSummary } from "@/lib/hikube/types";
import { readJson } from "./read-json";

/** Hikube buckets, as the browser reads them (never a secret). The server half is lib/server/resources/hikube. */
export const hikubeKeys = {
  all: ["hikube"] as const,
  list: (connectionId: string) => [...hikubeKeys.all, connectionId, "list"] as const,
};

export const hikubeListQuery = (connectionId: string) =>
  queryOptions({
    queryKey: hikubeKeys.list(connectionId),
    queryFn: () => readJson<HikubeBucketSummary[]>("/api/hikube"),
  });
