"use client";

import { useState } from "react";
import { useResultCall } from "@/components/ui/use-action-state";
import type { ActionResult } from "@/lib/action-result";

/**
 * The editable rows of a bucket's rule list (CORS, lifecycle): add, change and
 * remove rows locally, then save the whole list at once, as the admin API replaces it.
 */
export function useRuleRows<Row>(initial: Row[], save: (rows: Row[]) => Promise<ActionResult<unknown>>) {
  const [rows, setRows] = useState<Row[]>(initial);
  const [saved, setSaved] = useState(false);
  const call = useResultCall();
  return {
    rows,
    saved,
    call,
    add: (row: Row) => setRows([...rows, row]),
    remove: (index: number) => setRows(rows.filter((_, i) => i !== index)),
    update: (index: number, patch: Partial<Row>) =>
      setRows(rows.map((row, i) => (i === index ? { ...row, ...patch } : row))),
    save: async () => {
      setSaved(false);
      if ((await call.run(() => save(rows))).ok) setSaved(true);
    },
  };
}
