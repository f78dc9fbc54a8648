"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { versionFolderQuery } from "@/lib/resources/object-versions";
import { usePagedListing } from "./use-folder-pages";

/** A folder's versions and delete markers, a page at a time (as useFolderPages): the versions view's own. */
export function useVersionPages(connectionId: string, bucketId: string, prefix: string) {
  return usePagedListing(
    useInfiniteQuery(versionFolderQuery(connectionId, bucketId, prefix)),
    (page) => page.folders.length + page.versions.length,
  );
}
