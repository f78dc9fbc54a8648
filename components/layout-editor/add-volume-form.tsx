"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useResultCall } from "@/components/ui/use-action-state";
import type { Action } from "@/lib/action-result";
import { shortNodeId } from "@/lib/admin-api/cluster";

export type AddedVolume = { nodeId: string | null; address: string };

/**
 * ConnectClusterNodes: on the embedded engine, an absolute directory becomes a new volume.
 * Says what was added and hands the new node to the role form (`onAdded`), where it is selected.
 */
export function AddVolumeForm({
  addAction,
  onAdded,
}: {
  addAction: Action<{ address: string }, AddedVolume>;
  onAdded: (added: AddedVolume) => void;
}) {
  const [address, setAddress] = useState("");
  const [added, setAdded] = useState<AddedVolume | null>(null);
  const call = useResultCall();
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setAdded(null);
    const result = await call.run(() => addAction({ address: address.trim() }));
    if (result.ok) {
      setAddress("");
      setAdded(result.data);
      onAdded(result.data);
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
        className="min-w-0 flex-1 basis-72"
      />
      <Button type="submit" variant="ghost" disabled={call.pending}>
        {call.pending ? "Adding…" : "Add a volume"}
      </Button>
      <div className="w-full empty:hidden">
        {call.error ? <Alert tone="error">{call.error}</Alert> : null}
        {added ? (
          <Alert tone="success">
            {added.nodeId ? (
              <>
                Added node <code>{shortNodeId(added.nodeId)}</code> for{" "}
                <code className="break-all">{added.address}</code>. It is selected under “Stage role changes”: give it a
                zone and a capacity, then preview and apply.
              </>
            ) : (
              <>
                Connected <code className="break-all">{added.address}</code>. Choose it under “Stage role changes” and
                give it a zone and a capacity.
              </>
            )}
          </Alert>
        ) : null}
      </div>
    </form>
  );
}
