"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useResultCall } from "@/components/ui/use-action-state";
import type { Action } from "@/lib/action-result";

/** ConnectClusterNodes: on the embedded engine, an absolute directory becomes a new volume. */
export function AddVolumeForm({
  addAction,
  onAdded,
}: {
  addAction: Action<{ address: string }, null>;
  onAdded: () => void;
}) {
  const [address, setAddress] = useState("");
  const call = useResultCall();
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if ((await call.run(() => addAction({ address: address.trim() }))).ok) {
      setAddress("");
      onAdded();
    }
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3" aria-label="Add a volume">
      <TextField
        label="Volume directory or node address"
        value={address}
        onChange={(event) => setAddress(event.target.value)}
        required
        placeholder="/srv/carport/disk2"
        hint="The embedded engine takes an absolute directory as a new data volume; a Garage cluster takes <node id>@<host>:<port>."
        className="min-w-72 flex-1"
      />
      <Button type="submit" variant="ghost" disabled={call.pending}>
        {call.pending ? "Adding…" : "Add a volume"}
      </Button>
      {call.error ? <Alert tone="error">{call.error}</Alert> : null}
    </form>
  );
}
