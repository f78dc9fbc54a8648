"use client";

import { useState } from "react";
import { useResultCall } from "@/components/ui/use-action-state";
import type { Action } from "@/lib/action-result";
import { shortNodeId } from "@/lib/admin-api/cluster";
import type { CandidateNode, LayoutRole } from "@/lib/admin-api/layout";
import type { StageInput } from "./role-form";

/** SI units, as Garage counts capacity (1 GB = 10^9 bytes). */
export const capacityUnits = { MB: 1e6, GB: 1e9, TB: 1e12, PB: 1e15 } as const;
export type CapacityUnit = keyof typeof capacityUnits;

export function isCapacityUnit(value: string): value is CapacityUnit {
  return Object.hasOwn(capacityUnits, value);
}

/** The role form's fields, the nodes it may assign (new ones first) and its one stage call. */
export function useRoleForm(
  source: {
    initialNodeId: string | null;
    nodeAddresses: Record<string, string>;
    candidates: CandidateNode[];
    roles: LayoutRole[];
  },
  stageAction: Action<StageInput, null>,
  onStaged: () => void,
) {
  const { candidates, roles, nodeAddresses } = source;
  // Each node is told by its directory (or address): two volumes on one host look alike otherwise.
  const where = (id: string, fallback: string | null) => nodeAddresses[id] ?? fallback;
  const nodes = [
    ...candidates.map((node) => {
      const place = node.address ?? where(node.id, node.hostname);
      return { id: node.id, label: `${shortNodeId(node.id)} (new${place ? `, ${place}` : ""})` };
    }),
    ...roles.map((role) => {
      const place = where(role.id, null);
      return { id: role.id, label: `${shortNodeId(role.id)} (${role.zone}${place ? `, ${place}` : ""})` };
    }),
  ];
  const [nodeId, setNodeId] = useState(source.initialNodeId ?? nodes[0]?.id ?? "");
  const [zone, setZone] = useState("");
  const [amount, setAmount] = useState("");
  const [unit, setUnit] = useState<CapacityUnit>("GB");
  const [gateway, setGateway] = useState(false);
  const [tags, setTags] = useState("");
  const call = useResultCall();
  // The chosen node may have left the list (staged elsewhere): fall back to the first.
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

  return {
    nodes,
    zones: [...new Set(roles.map((role) => role.zone))],
    fields: {
      selectedId,
      setNodeId,
      zone,
      setZone,
      amount,
      setAmount,
      unit,
      setUnit,
      gateway,
      setGateway,
      tags,
      setTags,
    },
    call,
    submit,
  };
}

export type RoleFormFields = ReturnType<typeof useRoleForm>["fields"];
