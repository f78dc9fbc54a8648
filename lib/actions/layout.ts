"use server";

import path from "node:path";
import { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { applyLayout, connectNode, previewLayout, revertLayout, stageLayoutChanges } from "@/lib/admin-api/layout";
import { parseZoneRedundancy, type LayoutPreview } from "@/lib/admin-api/layout-model";
import { requireRole } from "@/lib/auth/guard";
import { actionConnection, InputError, parseInput, runAction } from "./run";

/** Layout actions: session -> role -> zod -> one lib call -> ActionResult. */

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
const stageSchema = z.object({
  roles: z.array(role).max(256),
  zoneRedundancy: z.string().trim().optional(),
});

export async function stageLayoutAction(input: z.input<typeof stageSchema>): Promise<ActionResult<null>> {
  return runAction(async () => {
    await requireRole("admin");
    const parsed = parseInput(stageSchema, input);
    const zoneRedundancy = parsed.zoneRedundancy ? parseZoneRedundancy(parsed.zoneRedundancy) : null;
    if (parsed.zoneRedundancy && !zoneRedundancy)
      throw new InputError("Zone redundancy is `maximum` or a number of zones from 1 to 7.");
    if (parsed.roles.length === 0 && !zoneRedundancy) throw new InputError("Nothing to stage.");
    await stageLayoutChanges(await actionConnection(), parsed.roles, zoneRedundancy);
    return null;
  });
}

export async function previewLayoutAction(): Promise<ActionResult<LayoutPreview>> {
  return runAction(async () => {
    await requireRole("admin");
    return previewLayout(await actionConnection());
  });
}

const applySchema = z.object({ version: z.number().int().positive() });

export async function applyLayoutAction(
  input: z.input<typeof applySchema>,
): Promise<ActionResult<{ version: number; messages: string[] }>> {
  return runAction(async () => {
    await requireRole("admin");
    return applyLayout(await actionConnection(), parseInput(applySchema, input).version);
  });
}

export async function revertLayoutAction(): Promise<ActionResult<null>> {
  return runAction(async () => {
    await requireRole("admin");
    await revertLayout(await actionConnection());
    return null;
  });
}

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

export async function addVolumeAction(input: z.input<typeof volumeSchema>): Promise<ActionResult<null>> {
  return runAction(async () => {
    await requireRole("admin");
    await connectNode(await actionConnection(), parseInput(volumeSchema, input).address);
    return null;
  });
}
