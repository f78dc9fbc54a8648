"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { useResultCall } from "@/components/ui/use-action-state";
import type { Action } from "@/lib/action-result";
import { shortNodeId } from "@/lib/admin-api/cluster";
import type { CandidateNode, LayoutRole } from "@/lib/admin-api/layout";

export type StageInput = {
  roles: Array<
    | { id: string; remove: true }
    | { id: string; remove: false; zone: string; capacityBytes: number | null; tags: string[] }
  >;
  zoneRedundancy?: string;
};

/** SI units, as Garage counts capacity (1 GB = 10^9 bytes). */
const capacityUnits = { MB: 1e6, GB: 1e9, TB: 1e12, PB: 1e15 } as const;
type CapacityUnit = keyof typeof capacityUnits;

function isCapacityUnit(value: string): value is CapacityUnit {
  return Object.hasOwn(capacityUnits, value);
}

/** Stages a role for one node: zone, capacity with its unit (or gateway), tags. */
export function RoleForm({
  candidates,
  roles,
  stageAction,
  onStaged,
}: {
  candidates: CandidateNode[];
  roles: LayoutRole[];
  stageAction: Action<StageInput, null>;
  onStaged: () => void;
}) {
  const nodes = [
    ...candidates.map((node) => ({
      id: node.id,
      label: `${shortNodeId(node.id)} (new${node.hostname ? `, ${node.hostname}` : ""})`,
    })),
    ...roles.map((role) => ({ id: role.id, label: `${shortNodeId(role.id)} (${role.zone})` })),
  ];
  const [nodeId, setNodeId] = useState(nodes[0]?.id ?? "");
  const [zone, setZone] = useState("");
  const [amount, setAmount] = useState("");
  const [unit, setUnit] = useState<CapacityUnit>("GB");
  const [gateway, setGateway] = useState(false);
  const [tags, setTags] = useState("");
  const call = useResultCall();
  const zones = [...new Set(roles.map((role) => role.zone))];
  const selectedId = nodes.some((node) => node.id === nodeId) ? nodeId : (nodes[0]?.id ?? "");

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const capacityBytes = gateway ? null : Math.round(Number(amount) * capacityUnits[unit]);
    const tagList = tags.split(/[\s,]+/).filter(Boolean);
    const result = await call.run(() =>
      stageAction({ roles: [{ id: selectedId, remove: false, zone: zone.trim(), capacityBytes, tags: tagList }] }),
    );
    if (result.ok) {
      setAmount("");
      setTags("");
      onStaged();
    }
  };

  if (nodes.length === 0) return <p className="text-sm text-muted">No node to assign: add a volume first.</p>;
  return (
    <form onSubmit={submit} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="Stage a role">
      <SelectField label="Node" value={selectedId} onChange={(event) => setNodeId(event.target.value)}>
        {nodes.map((node) => (
          <option key={node.id} value={node.id}>
            {node.label}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Zone"
        value={zone}
        onChange={(event) => setZone(event.target.value)}
        required
        list="layout-zones"
        placeholder="dc1"
      />
      <datalist id="layout-zones">
        {zones.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <div className="flex items-end gap-2">
        <TextField
          label="Capacity"
          type="number"
          min="0"
          step="any"
          value={amount}
          onChange={(event) => setAmount(event.target.value)}
          required={!gateway}
          disabled={gateway}
          className="flex-1"
          hint="SI units, as Garage: 1 GB = 1000 MB"
        />
        <SelectField
          label="Capacity unit"
          hideLabel
          value={unit}
          onChange={(event) => isCapacityUnit(event.target.value) && setUnit(event.target.value)}
          disabled={gateway}
        >
          {Object.keys(capacityUnits).map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </SelectField>
      </div>
      <TextField
        label="Tags"
        value={tags}
        onChange={(event) => setTags(event.target.value)}
        placeholder="ssd rack-2"
        hint="Separated by spaces or commas"
      />
      <label className="flex items-center gap-2 self-center text-sm">
        <input
          type="checkbox"
          className="size-4 accent-accent"
          checked={gateway}
          onChange={(event) => setGateway(event.target.checked)}
        />
        Gateway (stores no data)
      </label>
      <div className="flex items-end">
        <Button type="submit" disabled={call.pending}>
          {call.pending ? "Staging…" : "Stage role"}
        </Button>
      </div>
      {call.error ? (
        <div className="sm:col-span-2 lg:col-span-3">
          <Alert tone="error">{call.error}</Alert>
        </div>
      ) : null}
    </form>
  );
}
