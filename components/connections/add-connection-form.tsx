"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useResultCall } from "@/components/ui/use-action-state";
import type { ConnectionActions, NewConnectionInput } from "./connections-panel";

const empty: NewConnectionInput = { name: "", adminUrl: "", adminToken: "", s3Endpoint: "", region: "garage" };

/** A new Garage cluster: the server probes it before storing anything, so a wrong URL or token is refused here. */
export function AddConnectionForm({
  add,
  onAdded,
}: {
  add: NonNullable<ConnectionActions["add"]>;
  onAdded: () => void;
}) {
  const [form, setForm] = useState(empty);
  const call = useResultCall();
  const field = (name: keyof NewConnectionInput) => ({
    value: form[name],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [name]: event.target.value }),
  });
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if ((await call.run(() => add(form))).ok) {
      setForm(empty);
      onAdded();
    }
  };
  return (
    <form
      onSubmit={submit}
      aria-label="Add a Garage cluster"
      className="flex flex-col gap-3 rounded-lg border border-border bg-surface p-5"
    >
      <h2 className="text-sm font-semibold tracking-wide text-muted uppercase">Add a Garage cluster</h2>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label="Connection name" required {...field("name")} />
        <TextField
          label="Admin API URL"
          type="url"
          required
          placeholder="http://10.0.0.5:3903"
          invalidMessage="Give the admin API's URL with its scheme, e.g. http://10.0.0.5:3903."
          {...field("adminUrl")}
        />
        <TextField
          label="Admin token"
          type="password"
          required
          autoComplete="off"
          hint="Stored encrypted; never sent to the browser again."
          {...field("adminToken")}
        />
        <TextField
          label="S3 endpoint"
          type="url"
          required
          placeholder="http://10.0.0.5:3900"
          invalidMessage="Give the S3 endpoint's URL with its scheme, e.g. http://10.0.0.5:3900."
          {...field("s3Endpoint")}
        />
        <TextField label="S3 region" required {...field("region")} />
      </div>
      <div>
        <Button type="submit" disabled={call.pending}>
          {call.pending ? "Checking the cluster…" : "Add connection"}
        </Button>
      </div>
      {call.error ? <Alert tone="error">{call.error}</Alert> : null}
    </form>
  );
}
