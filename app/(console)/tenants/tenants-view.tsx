"use client";

import { useQuery } from "@tanstack/react-query";
import { TenantsPanel } from "@/components/tenants/tenants-panel";
import { Alert } from "@/components/ui/alert";
import { createTenantAction } from "@/lib/actions/tenants";
import { tenantKeys, tenantListQuery } from "@/lib/resources/tenants";
import { useInvalidating } from "@/lib/resources/use-invalidating";

export function TenantsView({ canWrite }: { canWrite: boolean }) {
  const { data, error } = useQuery(tenantListQuery());
  const invalidating = useInvalidating([tenantKeys.all]);
  if (!data)
    return (
      <Alert tone={error ? "error" : "info"}>
        {error ? `The tenants could not be read: ${error.message}` : "Reading the tenants…"}
      </Alert>
    );
  return <TenantsPanel tenants={data} onCreate={canWrite ? invalidating(createTenantAction) : null} />;
}
