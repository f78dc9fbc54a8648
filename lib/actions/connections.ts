"use server";

import { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import type { ClusterVersion } from "@/lib/admin-api/version";
import { requireRole } from "@/lib/auth/guard";
import type { PublicConnection } from "@/lib/connections";
import { addConnection, removeConnection, selectConnection } from "@/lib/connections/manage";
import { DuplicateConnectionNameError } from "@/lib/connections/store";
import { InputError, parseInput, runAction } from "./run";

/** Connection actions: session -> role -> zod -> one lib call -> ActionResult. */

const httpUrl = (what: string) =>
  z
    .string()
    .trim()
    .url(`The ${what} is a URL such as http://10.0.0.5:3903.`)
    .refine((value) => /^https?:\/\//.test(value), `The ${what} starts with http:// or https://.`)
    .transform((value) => value.replace(/\/+$/, ""));

const addSchema = z.object({
  name: z.string().trim().min(1, "Give the connection a name.").max(100),
  adminUrl: httpUrl("admin API URL"),
  adminToken: z.string().trim().min(1, "The admin token is needed.").max(4096),
  s3Endpoint: httpUrl("S3 endpoint"),
  region: z.string().trim().min(1, "Give the S3 region (Garage's default is garage).").max(64),
});

export async function addConnectionAction(
  input: z.input<typeof addSchema>,
): Promise<ActionResult<{ connection: PublicConnection; version: ClusterVersion }>> {
  return runAction(async () => {
    await requireRole("admin");
    try {
      return await addConnection(parseInput(addSchema, input));
    } catch (error) {
      if (error instanceof DuplicateConnectionNameError)
        throw new InputError(`A connection named ${error.connectionName} already exists.`);
      throw error;
    }
  });
}

const idSchema = z.object({ connectionId: z.string().trim().min(1).max(64) });

export async function selectConnectionAction(input: z.input<typeof idSchema>): Promise<ActionResult<PublicConnection>> {
  return runAction(async () => {
    await requireRole("admin");
    return selectConnection(parseInput(idSchema, input).connectionId);
  });
}

export async function removeConnectionAction(input: z.input<typeof idSchema>): Promise<ActionResult<null>> {
  return runAction(async () => {
    await requireRole("admin");
    await removeConnection(parseInput(idSchema, input).connectionId);
    return null;
  });
}
