"use server";

import path from "node:path";
import { z } from "zod";
import {
  applyLayout,
  connectNode,
  previewLayout,
  revertLayout,
  stageLayoutChanges,
} from "@/lib/server/admin-api/layout";
import { parseZoneRedundancy } from "@/lib/admin-api/layout";
import { defineAction } from "@/lib/server/define-action";

/** Layout actions: session -> role -> zod -> one lib call -> ActionResult (see defineAction). */

const nodeId = z
  .string()
  .trim()
  .regex(/^[0-9a-f]{16,64}$/i, "A node id is 16 to 64 hex digits.");
const tag = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[^\s,]+$/, "Tags have no spaces or commas.");
const role = z.discriminatedUnion("remove", [
  z.object({ id: nodeId, remove: z.literal(true) }),
  z.object({
    id: nodeId,
    remove: z.literal(false),
    zone: z
      .string()
      .trim()
      .min(1, "Give the node a zone.")
      .max(64)
      .regex(/^[^\s]+$/, "A zone name has no spaces."),
    // null makes a gateway (a node storing nothing); bytes otherwise, SI as Garage counts.
    capacityBytes: z
      .number()
      .int()
      .positive("The capacity must be more than zero.")
      .max(Number.MAX_SAFE_INTEGER)
      .nullable(),
    tags: z.array(tag).max(32),
  }),
]);
// The change is checked as a whole, so its messages name no field.
const stageSchema = z
  .object({ roles: z.array(role).max(256), zoneRedundancy: z.string().trim().optional() })
  .transform(({ roles, zoneRedundancy: text }, ctx) => {
    const zoneRedundancy = text ? parseZoneRedundancy(text) : null;
    if (text && !zoneRedundancy) {
      ctx.addIssue({ code: "custom", message: "Zone redundancy is `maximum` or a number of zones from 1 to 7." });
      return z.NEVER;
    }
    if (roles.length === 0 && !zoneRedundancy) {
      ctx.addIssue({ code: "custom", message: "Nothing to stage." });
      return z.NEVER;
    }
    return { roles, zoneRedundancy };
  });

export const stageLayoutAction = defineAction(
  { need: "cluster:write", input: stageSchema },
  async ({ connection }, { roles, zoneRedundancy }) => {
    await stageLayoutChanges(connection, roles, zoneRedundancy);
    return null;
  },
);

export const previewLayoutAction = defineAction({ need: "cluster:write" }, ({ connection }) =>
  previewLayout(connection),
);

const applySchema = z.object({ version: z.number().int().positive() });

export const applyLayoutAction = defineAction({ need: "cluster:write", input: applySchema }, ({ connection }, input) =>
  applyLayout(connection, input.version),
);

export const revertLayoutAction = defineAction({ need: "cluster:write" }, async ({ connection }) => {
  await revertLayout(connection);
  return null;
});

// The engine takes `/abs/path` (or `<anything>@/abs/path`) as a new data directory; a
// real Garage node is `<node id>@<host>:<port>`.
const volumeSchema = z.object({
  address: z
    .string()
    .trim()
    .min(1, "Give a directory or a node address.")
    .max(4096)
    .refine(
      (value) => path.isAbsolute(value.slice(value.indexOf("@") + 1)) || /^[0-9a-f]{64}@\S+:\d+$/i.test(value),
      "Give an absolute directory path (e.g. /srv/carport/disk2) or <node id>@<host>:<port>.",
    ),
});

export const addVolumeAction = defineAction({ need: "cluster:write", input: volumeSchema }, ({ connection }, input) =>
  connectNode(connection, input.address),
);
