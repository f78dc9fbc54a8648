import "server-only";
import { defineRoute } from "../route";
import { whoami } from "../schemas";

export const whoamiRoutes = [
  defineRoute({
    method: "GET",
    path: "/whoami",
    summary: "The signed-in user: name, role and tenant.",
    need: "signed-in",
    status: 200,
    response: whoami,
    async handle({ user, scope }) {
      const tenant = scope.kind === "tenant" ? { id: scope.tenant.id, name: scope.tenant.name } : null;
      return { name: user.name, role: user.role, tenant };
    },
  }),
];
