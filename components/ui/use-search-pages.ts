"use client";

import { useState } from "react";
import { clampPage } from "./pager";

/**
 * A searchable list shown a page at a time: a new search starts again at the first page,
 * and the page is clamped when the list shrinks under it.
 */
export function useSearchPages<T>(items: readonly T[], matches: (item: T, query: string) => boolean, pageSize: number) {
  const [query, setQuery] = useState("");
  const [page, setPage] = useState(0);
  const matching = items.filter((item) => matches(item, query));
  const current = clampPage(page, pageSize, matching.length);
  return {
    query,
    search: (next: string) => {
      setQuery(next);
      setPage(0);
    },
    matching,
    page: current,
    setPage,
    shown: matching.slice(current * pageSize, (current + 1) * pageSize),
  };
}
