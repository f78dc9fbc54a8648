"use client";

import { useQuery } from "@tanstack/react-query";
import { UsersPanel } from "@/components/users/users-panel";
import { Alert } from "@/components/ui/alert";
import { createUserAction, deleteUserAction, updateUserAction } from "@/lib/actions/users";
import { tenantKeys, tenantListQuery, userListQuery } from "@/lib/resources/tenants";
import { useInvalidating } from "@/lib/resources/use-invalidating";

export function UsersView({ canWrite }: { canWrite: boolean }) {
  const users = useQuery(userListQuery());
  const tenants = useQuery(tenantListQuery());
  const invalidating = useInvalidating([tenantKeys.all]);
  if (!users.data)
    return (
      <Alert tone={users.error ? "error" : "info"}>
        {users.error ? `The users could not be read: ${users.error.message}` : "Reading the users…"}
      </Alert>
    );
  return (
    <UsersPanel
      users={users.data}
      tenants={(tenants.data ?? []).map(({ id, name }) => ({ id, name }))}
      actions={
        canWrite
          ? {
              create: invalidating(createUserAction),
              update: invalidating(updateUserAction),
              remove: invalidating(deleteUserAction),
            }
          : null
      }
    />
  );
}
