"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import type { Action } from "@/lib/action-result";

export interface SwitcherConnection {
  id: string;
  name: string;
}

/** The header's cluster picker: the server sets the cookie, then every page re-reads. */
export function ConnectionSwitcher({
  connections,
  activeId,
  selectAction,
}: {
  connections: SwitcherConnection[];
  activeId: string;
  selectAction: Action<{ connectionId: string }, unknown>;
}) {
  const id = useId();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const change = (connectionId: string) =>
    startTransition(async () => {
      const result = await selectAction({ connectionId });
      setError(result.ok ? null : result.error);
      if (!result.ok) return;
      await queryClient.invalidateQueries();
      router.refresh();
    });
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm text-muted">
        Cluster
      </label>
      <select
        id={id}
        value={activeId}
        disabled={pending}
        onChange={(event) => change(event.target.value)}
        className="max-w-44 rounded-md border border-border bg-background px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-accent"
      >
        {connections.map((connection) => (
          <option key={connection.id} value={connection.id}>
            {connection.name}
          </option>
        ))}
      </select>
      {error ? (
        <span role="alert" className="text-xs text-bad">
          {error}
        </span>
      ) : null}
    </div>
  );
}
