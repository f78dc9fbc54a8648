import { queryOptions } from "@tanstack/react-query";
import type { LayoutEditorData } from "@/lib/admin-api/layout";
import type { Gated } from "@/lib/admin-api/version";
import { readJson } from "./read-json";

/** The layout editor's data as the browser reads it. The server half is lib/server/resources/layout. */
export type LayoutPageData = Gated<LayoutEditorData>;

export const layoutKeys = {
  all: ["layout"] as const,
  editor: (connectionId: string) => [...layoutKeys.all, connectionId, "editor"] as const,
};

export const layoutEditorQuery = (connectionId: string) =>
  queryOptions({
    queryKey: layoutKeys.editor(connectionId),
    queryFn: () => readJson<LayoutPageData>("/api/cluster/layout"),
  });
