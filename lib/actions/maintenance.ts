"use server";

import { z } from "zod";
import { launchableRepairs } from "@/lib/admin-api/maintenance";
import { launchRepair, purgeBlocks, retryBlocks } from "@/lib/server/admin-api/maintenance";
import { defineAction } from "@/lib/server/define-action";

/** Repair actions (operators only): session -> role -> zod -> one lib call -> ActionResult (see defineAction). */

const blockHash = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{64}$/, "A block hash is 64 hexadecimal digits.")
  .transform((hash) => hash.toLowerCase());

const retrySchema = z.object({ hashes: z.union([z.literal("all"), z.array(blockHash).min(1).max(1000)]) });

export const retryBlocksAction = defineAction({ need: "cluster:write", input: retrySchema }, ({ connection }, input) =>
  retryBlocks(connection, input.hashes),
);

const purgeSchema = z.object({ hashes: z.array(blockHash).min(1).max(1000) });

export const purgeBlocksAction = defineAction({ need: "cluster:write", input: purgeSchema }, ({ connection }, input) =>
  purgeBlocks(connection, input.hashes),
);

const repairSchema = z.object({ repair: z.enum(launchableRepairs) });

export const launchRepairAction = defineAction(
  { need: "cluster:write", input: repairSchema },
  async ({ connection }, input) => {
    await launchRepair(connection, input.repair);
    return null;
  },
);
