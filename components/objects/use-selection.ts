"use client";

import { useState } from "react";

/** The objects ticked on the shown page. */
export function useSelection() {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  return {
    selected,
    keys: [...selected],
    toggle: (key: string, on: boolean) =>
      setSelected((current) => {
        const next = new Set(current);
        if (on) next.add(key);
        else next.delete(key);
        return next;
      }),
    setAll: (keys: string[]) => setSelected(new Set(keys)),
    clear: () => setSelected(new Set()),
  };
}
