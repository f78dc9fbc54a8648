import { queryOptions } from "@tanstack/react-query";
import type { CredentialSummary } from "@/lib/credentials/types";
import { readJson } from "./read-json";

/** Project credentials, as the browser reads them (never a secret). The server half is lib/server/resources/credentials. */
export const credentialKeys = {
  all: ["credentials"] as const,
  list: (connectionId: string) => [...credentialKeys.all, connectionId, "list"] as const,
};

export const credentialListQuery = (connectionId: string) =>
  queryOptions({
    queryKey: credentialKeys.list(connectionId),
    queryFn: () => readJson<CredentialSummary[]>("/api/credentials"),
  });
