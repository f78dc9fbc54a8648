/** Staged changes: role edits and parameters that the next applied version will use. */
import { zoneRedundancyProblem } from "./assignment";
import {
  layoutError,
  type LayoutHistory,
  type LayoutParameters,
  type LayoutResult,
  type NodeRole,
  type RoleChange,
} from "./types";

const NODE_ID_PATTERN = /^[0-9a-fA-F]{64}$/;

function current(history: LayoutHistory) {
  return history.versions[history.versions.length - 1];
}

function roleProblem(change: Exclude<RoleChange, { remove: true }>): string | null {
  if (typeof change.zone !== "string" || change.zone.length === 0)
    return `Node ${change.id}: the zone must be a non-empty string.`;
  const capacity = change.capacityBytes;
  if (capacity !== null && !(Number.isSafeInteger(capacity) && capacity >= 0)) {
    return `Node ${change.id}: the capacity must be a whole number of bytes, or null for a gateway.`;
  }
  if (!Array.isArray(change.tags) || change.tags.some((tag) => typeof tag !== "string")) {
    return `Node ${change.id}: tags must be a list of strings.`;
  }
  return null;
}

/**
 * Stages role changes; all are checked before any is staged. Removing a node that has no
 * role in the current version just drops whatever was staged for it (Garage would stage a
 * no-op removal).
 */
export function stageRoleChanges(
  history: LayoutHistory,
  changes: RoleChange[],
): LayoutResult<{ history: LayoutHistory }> {
  for (const change of changes) {
    if (!NODE_ID_PATTERN.test(change.id))
      return layoutError("InvalidNodeId", `Invalid node id: ${change.id} (expected 64 hexadecimal characters).`);
    if (change.remove === true) continue;
    const problem = roleProblem(change);
    if (problem) return layoutError("InvalidRole", problem);
  }
  const roles: Record<string, NodeRole | null> = { ...history.staging.roles };
  const currentRoles = current(history).roles;
  for (const change of changes) {
    const id = change.id.toLowerCase();
    if (change.remove === true) {
      if (id in currentRoles) roles[id] = null;
      else delete roles[id];
    } else {
      roles[id] = { zone: change.zone, capacityBytes: change.capacityBytes, tags: [...change.tags] };
    }
  }
  return { ok: true, history: { ...history, staging: { ...history.staging, roles } } };
}

export function stageParameters(
  history: LayoutHistory,
  parameters: LayoutParameters,
): LayoutResult<{ history: LayoutHistory }> {
  const problem = zoneRedundancyProblem(parameters.zoneRedundancy, current(history).replicationFactor);
  if (problem) return layoutError("InvalidZoneRedundancy", problem);
  const zoneRedundancy =
    parameters.zoneRedundancy === "maximum" ? "maximum" : { atLeast: parameters.zoneRedundancy.atLeast };
  return { ok: true, history: { ...history, staging: { ...history.staging, parameters: { zoneRedundancy } } } };
}

export function revertStaging(history: LayoutHistory): LayoutHistory {
  return { ...history, staging: { roles: {}, parameters: null } };
}

/** The current roles with the staged changes merged in (null removes a role). */
export function stagedRoles(history: LayoutHistory): Record<string, NodeRole> {
  const roles: Record<string, NodeRole> = { ...current(history).roles };
  for (const [id, role] of Object.entries(history.staging.roles)) {
    if (role === null) delete roles[id];
    else roles[id] = role;
  }
  return roles;
}
