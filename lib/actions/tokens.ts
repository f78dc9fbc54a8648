"use server";

import { z } from "zod";
import { createAdminToken, deleteAdminToken } from "@/lib/server/admin-api/admin-tokens";
import { dateInputToRfc3339 } from "@/lib/format/dates";
import { defineAction } from "@/lib/server/define-action";

/** Admin token actions: session -> role -> zod -> one lib call -> ActionResult (see defineAction). */

const createSchema = z.object({
  name: z.string().trim().min(1, "Give the token a name.").max(200),
  scope: z
    .array(z.string().regex(/^(\*|[A-Z][A-Za-z]+)$/, "A scope is an endpoint name or *."))
    .min(1, "Pick at least one endpoint, or *."),
  expiresOn: z
    .string()
    .refine((value) => value === "" || dateInputToRfc3339(value) !== null, "Pick a valid expiry date, or none."),
});

export const createAdminTokenAction = defineAction(
  { need: "cluster:write", input: createSchema },
  ({ connection }, { name, scope, expiresOn }) =>
    createAdminToken(connection, {
      name,
      scope: scope.includes("*") ? ["*"] : scope,
      expiration: expiresOn ? dateInputToRfc3339(expiresOn) : null,
    }),
);

const deleteSchema = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[0-9a-f]{8,64}$/i, "An admin token id is hex digits."),
});

export const deleteAdminTokenAction = defineAction(
  { need: "cluster:write", input: deleteSchema },
  async ({ connection }, input) => {
    await deleteAdminToken(connection, input.id);
    return null;
  },
);
