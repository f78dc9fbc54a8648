import "server-only";
import { z } from "zod";
import { createUser, deleteUser, updateUser } from "@/lib/server/tenancy/users";
import { notFound } from "../errors";
import { defineRoute } from "../route";
import { listOf, newUser, user, userChange } from "../schemas";
import { userShape } from "./shapes";

const byId = z.object({ id: z.string().min(1).max(32) });

export const userRoutes = [
  defineRoute({
    method: "GET",
    path: "/users",
    summary: "Every console user (operators).",
    need: "cluster:read",
    status: 200,
    response: listOf(user),
    async handle({ store }) {
      return { items: store.listUsers().map((item) => userShape(store, item)) };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/users",
    summary: "Creates a user with a password, a role and (for a tenant user) a tenant (admin).",
    need: "cluster:write",
    body: newUser,
    status: 201,
    response: user,
    async handle({ store }, { body }) {
      const created = await createUser(store, { ...body, tenantId: body.tenant });
      return userShape(store, created);
    },
  }),
  defineRoute({
    method: "PATCH",
    path: "/users/{id}",
    summary: "Changes a user's password, role, tenant or disabled flag (admin).",
    need: "cluster:write",
    params: byId,
    body: userChange,
    status: 200,
    response: user,
    async handle({ store }, { params, body }) {
      const { tenant, ...rest } = body;
      const updated = await updateUser(store, params.id, { ...rest, tenantId: tenant });
      if (!updated) throw notFound("NoSuchUser");
      return userShape(store, updated);
    },
  }),
  defineRoute({
    method: "DELETE",
    path: "/users/{id}",
    summary: "Deletes a user; their next request is refused (admin).",
    need: "cluster:write",
    params: byId,
    status: 204,
    async handle({ store }, { params }) {
      if (!deleteUser(store, params.id)) throw notFound("NoSuchUser");
    },
  }),
];
