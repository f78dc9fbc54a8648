"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import type { Action } from "@/lib/action-result";
import type { CandidateNode, LayoutRole } from "@/lib/admin-api/layout";
import { capacityUnits, isCapacityUnit, useRoleForm, type RoleFormFields } from "./use-role-form";

export type StageInput = {
  roles: Array<
    | { id: string; remove: true }
    | { id: string; remove: false; zone: string; capacityBytes: number | null; tags: string[] }
  >;
  zoneRedundancy?: string;
};

/** Stages a role for one node: zone, capacity with its unit (or gateway), tags. */
export function RoleForm({
  initialNodeId,
  nodeAddresses,
  candidates,
  roles,
  stageAction,
  onStaged,
}: {
  /** The node to start on (one just added); otherwise the first. */
  initialNodeId: string | null;
  nodeAddresses: Record<string, string>;
  candidates: CandidateNode[];
  roles: LayoutRole[];
  stageAction: Action<StageInput, null>;
  onStaged: () => void;
}) {
  const { nodes, zones, fields, call, submit } = useRoleForm(
    { initialNodeId, nodeAddresses, candidates, roles },
    stageAction,
    onStaged,
  );
  if (nodes.length === 0) return <p className="text-sm text-muted">No node to assign: add a volume first.</p>;
  return (
    <form onSubmit={submit} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="Stage a role">
      <SelectField label="Node" value={fields.selectedId} onChange={(event) => fields.setNodeId(event.target.value)}>
        {nodes.map((node) => (
          <option key={node.id} value={node.id}>
            {node.label}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Zone"
        value={fields.zone}
        onChange={(event) => fields.setZone(event.target.value)}
        required
        list="layout-zones"
        placeholder="dc1"
      />
      <datalist id="layout-zones">
        {zones.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <CapacityField fields={fields} />
      <TextField
        label="Tags"
        value={fields.tags}
        onChange={(event) => fields.setTags(event.target.value)}
        placeholder="ssd rack-2"
        hint="Separated by spaces or commas"
      />
      <label className="flex items-center gap-2 self-center text-sm">
        <input
          type="checkbox"
          className="size-4 accent-accent"
          checked={fields.gateway}
          onChange={(event) => fields.setGateway(event.target.checked)}
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

/** An amount and its SI unit, or nothing for a gateway. */
function CapacityField({ fields }: { fields: RoleFormFields }) {
  return (
    <div className="flex items-end gap-2">
      <TextField
        label="Capacity"
        type="number"
        min="0"
        step="any"
        value={fields.amount}
        onChange={(event) => fields.setAmount(event.target.value)}
        required={!fields.gateway}
        disabled={fields.gateway}
        className="flex-1"
        hint="SI units, as Garage: 1 GB = 1000 MB"
      />
      <SelectField
        label="Capacity unit"
        hideLabel
        value={fields.unit}
        onChange={(event) => isCapacityUnit(event.target.value) && fields.setUnit(event.target.value)}
        disabled={fields.gateway}
      >
        {Object.keys(capacityUnits).map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </SelectField>
    </div>
  );
}
