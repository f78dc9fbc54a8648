"use client";

import { useInfiniteQuery, type InfiniteData, type UseInfiniteQueryResult } from "@tanstack/react-query";
import { useState } from "react";
import { folderQuery } from "@/lib/resources/objects";

/**
 * A folder shown one S3 page at a time: the pages read so far stay cached, "next" reads
 * one more only when needed. Entry numbers count folders and objects across pages.
 */
export function useFolderPages(connectionId: string, bucketId: string, prefix: string) {
  return usePagedListing(
    useInfiniteQuery(folderQuery(connectionId, bucketId, prefix)),
    (page) => page.folders.length + page.objects.length,
  );
}

export function usePagedListing<P>(
  listing: UseInfiniteQueryResult<InfiniteData<P, unknown>>,
  entriesOf: (page: P) => number,
) {
  const [pageIndex, setPageIndex] = useState(0);
  const pages = listing.data?.pages ?? [];
  const shownIndex = Math.min(pageIndex, Math.max(0, pages.length - 1));
  const page: P | undefined = pages[shownIndex];
  const firstEntry = pages.slice(0, shownIndex).reduce((sum, item) => sum + entriesOf(item), 0) + 1;
  const entriesOnPage = page ? entriesOf(page) : 0;

  /** Resolves false when the next page could not be read (the query keeps the error). */
  const next = async (): Promise<boolean> => {
    if (shownIndex >= pages.length - 1 && (await listing.fetchNextPage()).isError) return false;
    setPageIndex(shownIndex + 1);
    return true;
  };
  const previous = () => setPageIndex(Math.max(0, shownIndex - 1));

  return {
    page,
    error: listing.error,
    isFetching: listing.isFetching,
    isFetchingNextPage: listing.isFetchingNextPage,
    pageIndex: shownIndex,
    firstEntry,
    lastEntry: firstEntry + entriesOnPage - 1,
    hasNext: shownIndex < pages.length - 1 || listing.hasNextPage,
    next,
    previous,
  };
}
