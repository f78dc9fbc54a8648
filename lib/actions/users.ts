"use server";

import { z } from "zod";
import { roles } from "@/lib/auth/roles";
import { defineAction } from "@/lib/server/define-action";
import { InputError } from "@/lib/server/action-errors";
import { createUser, deleteUser, updateUser } from "@/lib/server/tenancy/users";
import { userView } from "@/lib/server/tenancy/views";
import { maxPasswordLength, maxUserNameLength, minPasswordLength } from "@/lib/tenancy/limits";

/** Console user actions, an admin's: session -> scope -> zod -> one lib call -> ActionResult (see defineAction). */

const password = z
  .string()
  .min(minPasswordLength, `Use at least ${minPasswordLength} characters.`)
  .max(maxPasswordLength, "That password is too long.");
const role = z.enum(roles, "Choose admin, viewer or tenant.");
const tenant = z.string().min(1).max(64).nullable();
const userId = z.string().min(1).max(32);

export const createUserAction = defineAction(
  {
    need: "cluster:write",
    input: z.object({
      name: z.string().trim().min(1, "Give the user a name.").max(maxUserNameLength),
      password,
      role,
      tenant,
    }),
  },
  async ({ store }, input) => userView(store, await createUser(store, { ...input, tenantId: input.tenant })),
);

export const updateUserAction = defineAction(
  {
    need: "cluster:write",
    input: z.object({
      userId,
      password: password.optional(),
      role: role.optional(),
      tenant: tenant.optional(),
      disabled: z.boolean().optional(),
    }),
  },
  async ({ store }, { userId: id, tenant: tenantId, ...change }) => {
    const updated = await updateUser(store, id, { ...change, tenantId });
    if (!updated) throw new InputError("That user no longer exists.");
    return userView(store, updated);
  },
);

/** The user's very next request is refused, whatever its session cookie says. */
export const deleteUserAction = defineAction(
  { need: "cluster:write", input: z.object({ userId }) },
  async ({ store }, input) => {
    if (!deleteUser(store, input.userId)) throw new InputError("That user no longer exists.");
    return null;
  },
);
