import { queryOptions } from "@tanstack/react-query";
import type { ScopedKey } from "@/lib/tenancy/types";
import { readJson } from "./read-json";

/**
 * Access keys, as the browser reads them (never a secret). The server half is
 * lib/server/resources/access-keys.
 */
export const accessKeyKeys = {
  all: ["access-keys"] as const,
  list: (connectionId: string) => [...accessKeyKeys.all, connectionId, "list"] as const,
};

export const accessKeyListQuery = (connectionId: string) =>
  queryOptions({
    queryKey: accessKeyKeys.list(connectionId),
    queryFn: () => readJson<ScopedKey[]>("/api/keys"),
  });
