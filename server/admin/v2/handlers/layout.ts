import { z } from "zod";
import { limits } from "../../../util/limits";
import type { V2OperationTable, V2Schema } from "../contract";
import { defineOperation } from "../define";
import type { AdminRequestContext } from "../../context";
import { AdminError } from "../../errors";
import { clusterFacts } from "../../cluster-state";
import {
  currentLayout,
  layoutHistorySummary,
  nodeUsage,
  type LayoutHistory,
  type LayoutVersion,
  type RoleChange,
  type ZoneRedundancy,
} from "../../../engine/layout";

/** The cluster layout: get, history, update (stage), preview, apply, revert, skip dead nodes. */

function renderVersion(version: LayoutVersion): V2Schema<"LayoutNodeRole">[] {
  const usage = nodeUsage(version);
  return Object.entries(version.roles).map(([id, role]) => ({
    id,
    zone: role.zone,
    tags: role.tags,
    capacity: role.capacityBytes,
    storedPartitions: usage[id]?.storedPartitions ?? null,
    usableCapacity: usage[id]?.usableCapacityBytes ?? null,
  }));
}

function renderZoneRedundancy(value: ZoneRedundancy): ZoneRedundancy {
  return value === "maximum" ? "maximum" : { atLeast: value.atLeast };
}

/** GetClusterLayoutResponse for the history's current version and its staged changes. */
export function renderLayout(history: LayoutHistory): V2Schema<"GetClusterLayoutResponse"> {
  const current = currentLayout(history);
  return renderLayoutVersion(current, history);
}

function renderLayoutVersion(
  version: LayoutVersion,
  history: LayoutHistory | null,
): V2Schema<"GetClusterLayoutResponse"> {
  const staged = history?.staging ?? { roles: {}, parameters: null };
  return {
    version: version.version,
    roles: renderVersion(version),
    parameters: { zoneRedundancy: renderZoneRedundancy(version.zoneRedundancy) },
    partitionSize: version.partitionSizeBytes,
    stagedRoleChanges: Object.entries(staged.roles).map(([id, role]) =>
      role === null ? { id, remove: true } : { id, zone: role.zone, tags: role.tags, capacity: role.capacityBytes },
    ),
    stagedParameters: staged.parameters
      ? { zoneRedundancy: renderZoneRedundancy(staged.parameters.zoneRedundancy) }
      : null,
  };
}

const nodeId = z.string().min(1);
const zoneRedundancySchema = z.union([z.object({ atLeast: z.number().int().min(1) }), z.literal("maximum")]);
const roleChangeSchema = z.union([
  z.object({ id: nodeId, remove: z.literal(true) }),
  z.object({
    id: nodeId,
    zone: z.string().min(1),
    capacity: z.number().int().nonnegative().nullable().optional(),
    tags: z.array(z.string()).default([]),
  }),
]);
export const updateLayoutBody = z.object({
  roles: z.array(roleChangeSchema).max(limits.maxRoleChangesPerRequest).optional(),
  parameters: z.object({ zoneRedundancy: zoneRedundancySchema }).nullable().optional(),
});

function toRoleChange(change: z.infer<typeof roleChangeSchema>): RoleChange {
  if ("remove" in change) return { id: change.id, remove: true };
  return { id: change.id, zone: change.zone, capacityBytes: change.capacity ?? null, tags: change.tags };
}

async function applyLayout(context: AdminRequestContext, version: number) {
  const applied = await context.admin.engine.layout.apply(version);
  return { message: applied.messages, layout: renderLayout(applied.history), statistics: applied.statistics };
}

function previewLayout(context: AdminRequestContext) {
  const preview = context.admin.engine.layout.preview();
  if (!preview.ok) return { error: preview.error.message };
  return {
    message: preview.messages,
    newLayout: renderLayoutVersion(preview.newVersion, null),
    statistics: preview.statistics,
  };
}

async function skipDeadNodes(context: AdminRequestContext, body: { version: number; allowMissingData: boolean }) {
  const facts = await clusterFacts(context.admin.engine);
  const up = new Set(facts.volumes.filter((state) => state.isUp).map((state) => state.volume.id));
  return context.admin.engine.layout.skipDeadNodes(body.version, body.allowMissingData, up);
}

export const layoutOperations = {
  GetClusterLayout: defineOperation({ handle: (context) => renderLayout(context.admin.engine.layout.history()) }),
  GetClusterLayoutHistory: defineOperation({
    handle: (context) => layoutHistorySummary(context.admin.engine.layout.history()),
  }),
  UpdateClusterLayout: defineOperation({
    body: updateLayoutBody,
    handle: async (context, { body }) => {
      if (!body.roles?.length && !body.parameters)
        throw new AdminError("InvalidRequest", "Nothing to change: give roles and/or parameters.");
      const history = await context.admin.engine.layout.stage(
        (body.roles ?? []).map(toRoleChange),
        body.parameters ?? null,
      );
      return renderLayout(history);
    },
  }),
  PreviewClusterLayoutChanges: defineOperation({ handle: (context) => previewLayout(context) }),
  ApplyClusterLayout: defineOperation({
    body: z.object({ version: z.number().int().nonnegative() }),
    handle: (context, { body }) => applyLayout(context, body.version),
  }),
  RevertClusterLayout: defineOperation({
    handle: async (context) => renderLayout(await context.admin.engine.layout.revert()),
  }),
  ClusterLayoutSkipDeadNodes: defineOperation({
    body: z.object({ version: z.number().int().nonnegative(), allowMissingData: z.boolean() }),
    handle: (context, { body }) => skipDeadNodes(context, body),
  }),
} satisfies Partial<V2OperationTable>;
