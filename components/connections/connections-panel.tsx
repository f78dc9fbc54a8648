"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TextField } from "@/components/ui/field";
import { useResultCall } from "@/components/ui/use-action-state";
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
  add: Action<NewConnectionInput, unknown>;
  select: Action<{ connectionId: string }, unknown>;
  remove: Action<{ connectionId: string }, null>;
}

const empty: NewConnectionInput = { name: "", adminUrl: "", adminToken: "", s3Endpoint: "", region: "garage" };

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
  const [form, setForm] = useState(empty);
  const [removing, setRemoving] = useState<DescribedConnection | null>(null);
  const add = useResultCall();
  const select = useResultCall();
  const field = (name: keyof NewConnectionInput) => ({
    value: form[name],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [name]: event.target.value }),
  });
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if ((await add.run(() => actions.add(form))).ok) {
      setForm(empty);
      onChanged();
    }
  };
  return (
    <div className="flex flex-col gap-6">
      <ul className="flex flex-col gap-3" aria-label="Connections">
        {connections.map((connection) => (
          <li
            key={connection.id}
            data-testid="connection"
            className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-border bg-surface p-4"
          >
            <div className="flex min-w-0 flex-1 flex-col">
              <span className="font-semibold">
                {connection.name} {connection.id === activeId ? <Badge tone="ok">in use</Badge> : null}
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
            {connection.id !== activeId ? (
              <Button
                type="button"
                variant="ghost"
                disabled={select.pending}
                onClick={() =>
                  select
                    .run(() => actions.select({ connectionId: connection.id }))
                    .then((result) => result.ok && onChanged())
                }
                aria-label={`Use ${connection.name}`}
              >
                Use
              </Button>
            ) : null}
            {connection.id !== "local" ? (
              <Button
                type="button"
                variant="ghost"
                onClick={() => setRemoving(connection)}
                aria-label={`Remove ${connection.name}`}
              >
                Remove
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {select.error ? <Alert tone="error">{select.error}</Alert> : null}
      <form
        onSubmit={submit}
        aria-label="Add a Garage cluster"
        className="flex flex-col gap-3 rounded-lg border border-border bg-surface p-5"
      >
        <h2 className="text-sm font-semibold tracking-wide text-muted uppercase">Add a Garage cluster</h2>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField label="Connection name" required {...field("name")} />
          <TextField label="Admin API URL" required placeholder="http://10.0.0.5:3903" {...field("adminUrl")} />
          <TextField
            label="Admin token"
            type="password"
            required
            autoComplete="off"
            hint="Stored encrypted; never sent to the browser again."
            {...field("adminToken")}
          />
          <TextField label="S3 endpoint" required placeholder="http://10.0.0.5:3900" {...field("s3Endpoint")} />
          <TextField label="S3 region" required {...field("region")} />
        </div>
        <div>
          <Button type="submit" disabled={add.pending}>
            {add.pending ? "Checking the cluster…" : "Add connection"}
          </Button>
        </div>
        {add.error ? <Alert tone="error">{add.error}</Alert> : null}
      </form>
      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing?.name ?? ""}?`}
        body="The console forgets this cluster and its token. The cluster itself is not changed."
        confirmLabel="Remove connection"
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          const result = await actions.remove({ connectionId: removing?.id ?? "" });
          if (result.ok) onChanged();
          return result;
        }}
      />
    </div>
  );
}
