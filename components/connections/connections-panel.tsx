"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useResultCall } from "@/components/ui/use-action-state";
import { AddConnectionForm } from "./add-connection-form";
import type { Action } from "@/lib/action-result";
import type { DescribedConnection } from "@/lib/connections/types";

export type NewConnectionInput = {
  name: string;
  adminUrl: string;
  adminToken: string;
  s3Endpoint: string;
  region: string;
};

export interface ConnectionActions {
  /** add and remove are an admin's; a viewer only chooses the cluster to look at. */
  add?: Action<NewConnectionInput, unknown>;
  select: Action<{ connectionId: string }, unknown>;
  remove?: Action<{ connectionId: string }, null>;
}

/** The clusters the console manages: each with its detected version; add, use, remove. */
export function ConnectionsPanel({
  connections,
  activeId,
  actions,
  onChanged,
}: {
  connections: DescribedConnection[];
  activeId: string;
  actions: ConnectionActions;
  onChanged: () => void;
}) {
  const [removing, setRemoving] = useState<DescribedConnection | null>(null);
  const select = useResultCall();
  return (
    <div className="flex flex-col gap-6">
      <ul className="flex flex-col gap-3" aria-label="Connections">
        {connections.map((connection) => (
          <ConnectionItem
            key={connection.id}
            connection={connection}
            active={connection.id === activeId}
            selecting={select.pending}
            onSelect={() =>
              select
                .run(() => actions.select({ connectionId: connection.id }))
                .then((result) => result.ok && onChanged())
            }
            onRemove={actions.remove ? () => setRemoving(connection) : null}
          />
        ))}
      </ul>
      {select.error ? <Alert tone="error">{select.error}</Alert> : null}
      {actions.add ? <AddConnectionForm add={actions.add} onAdded={onChanged} /> : null}
      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing?.name ?? ""}?`}
        body="The console forgets this cluster and its token. The cluster itself is not changed."
        confirmLabel="Remove connection"
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          const result = actions.remove
            ? await actions.remove({ connectionId: removing?.id ?? "" })
            : ({ ok: false, error: "Only an admin removes a connection." } as const);
          if (result.ok) onChanged();
          return result;
        }}
      />
    </div>
  );
}

/** One connection: where it points, what it runs (or why it cannot be read), use and remove. */
function ConnectionItem({
  connection,
  active,
  selecting,
  onSelect,
  onRemove,
}: {
  connection: DescribedConnection;
  active: boolean;
  selecting: boolean;
  onSelect: () => void;
  onRemove: (() => void) | null;
}) {
  return (
    <li
      data-testid="connection"
      className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-border bg-surface p-4"
    >
      <div className="flex min-w-0 flex-1 flex-col">
        <span className="font-semibold">
          {connection.name} {active ? <Badge tone="ok">in use</Badge> : null}
        </span>
        <span className="truncate text-xs text-muted">
          admin {connection.adminUrl} · S3 {connection.s3Endpoint} ({connection.region})
        </span>
        <span className="text-xs">
          {connection.version ? (
            `Admin API ${connection.version.apiVersion}${connection.version.garageVersion ? `, Garage ${connection.version.garageVersion}` : ""}`
          ) : (
            <span className="text-bad">{connection.problem}</span>
          )}
        </span>
      </div>
      {!active ? (
        <Button
          type="button"
          variant="ghost"
          disabled={selecting}
          onClick={onSelect}
          aria-label={`Use ${connection.name}`}
        >
          Use
        </Button>
      ) : null}
      {connection.id !== "local" && onRemove ? (
        <Button type="button" variant="ghost" onClick={onRemove} aria-label={`Remove ${connection.name}`}>
          Remove
        </Button>
      ) : null}
    </li>
  );
}
