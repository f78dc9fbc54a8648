import { queryOptions } from "@tanstack/react-query";
import type { PermissionMatrix } from "@/lib/admin-api/permissions";
import { readJson } from "./read-json";

/** The keys × buckets matrix, as the browser reads it. The server half is lib/server/resources/permissions. */
export const permissionKeys = {
  all: ["permissions"] as const,
  matrix: (connectionId: string) => [...permissionKeys.all, connectionId, "matrix"] as const,
};

export const permissionMatrixQuery = (connectionId: string) =>
  queryOptions({
    queryKey: permissionKeys.matrix(connectionId),
    queryFn: () => readJson<PermissionMatrix>("/api/permissions"),
  });
