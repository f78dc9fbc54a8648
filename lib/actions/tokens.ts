"use server";

import { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { createAdminToken, deleteAdminToken } from "@/lib/admin-api/tokens";
import type { CreatedAdminToken } from "@/lib/admin-api/tokens-model";
import { requireRole } from "@/lib/auth/guard";
import { dateInputToRfc3339 } from "@/lib/format/dates";
import { actionConnection, parseInput, runAction } from "./run";

/** Admin token actions: session -> role -> zod -> one lib call -> ActionResult. */

const createSchema = z.object({
  name: z.string().trim().min(1, "Give the token a name.").max(200),
  scope: z
    .array(z.string().regex(/^(\*|[A-Z][A-Za-z]+)$/, "A scope is an endpoint name or *."))
    .min(1, "Pick at least one endpoint, or *."),
  expiresOn: z
    .string()
    .refine((value) => value === "" || dateInputToRfc3339(value) !== null, "Pick a valid expiry date, or none."),
});

export async function createAdminTokenAction(
  input: z.input<typeof createSchema>,
): Promise<ActionResult<CreatedAdminToken>> {
  return runAction(async () => {
    await requireRole("admin");
    const { name, scope, expiresOn } = parseInput(createSchema, input);
    return createAdminToken(await actionConnection(), {
      name,
      scope: scope.includes("*") ? ["*"] : scope,
      expiration: expiresOn ? dateInputToRfc3339(expiresOn) : null,
    });
  });
}

const deleteSchema = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[0-9a-f]{8,64}$/i, "An admin token id is hex digits."),
});

export async function deleteAdminTokenAction(input: z.input<typeof deleteSchema>): Promise<ActionResult<null>> {
  return runAction(async () => {
    await requireRole("admin");
    await deleteAdminToken(await actionConnection(), parseInput(deleteSchema, input).id);
    return null;
  });
}
