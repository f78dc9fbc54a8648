"use server";

import { z } from "zod";
import { addConnection, removeConnection, selectConnection } from "@/lib/server/connections/manage";
import { defineAction } from "@/lib/server/define-action";

/**
 * Connection actions: session -> scope -> zod -> one lib call -> ActionResult (see
 * defineAction). They manage the store, so they ignore the context's active connection.
 */

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

/** A duplicate name is refused as bad input (see describeActionError). */
export const addConnectionAction = defineAction({ need: "cluster:write", input: addSchema }, (_ctx, input) =>
  addConnection(input),
);

const idSchema = z.object({ connectionId: z.string().trim().min(1).max(64) });

/** Choosing the cluster to look at changes nothing on it: viewers may. */
export const selectConnectionAction = defineAction({ need: "cluster:read", input: idSchema }, (_ctx, input) =>
  selectConnection(input.connectionId),
);

export const removeConnectionAction = defineAction({ need: "cluster:write", input: idSchema }, async (_ctx, input) => {
  await removeConnection(input.connectionId);
  return null;
});
