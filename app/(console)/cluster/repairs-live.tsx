"use client";

import { useQueryClient } from "@tanstack/react-query";
import { RepairLauncher } from "@/components/cluster/repair-launcher";
import type { Action } from "@/lib/action-result";
import type { LaunchableRepair } from "@/lib/admin-api/maintenance";
import { maintenanceKeys } from "@/lib/resources/maintenance";

/** The cluster page's repair buttons; a launch refreshes the repairs' progress wherever it is shown. */
export function RepairsLive({
  connectionId,
  launch,
}: {
  connectionId: string;
  launch: Action<{ repair: LaunchableRepair }, null>;
}) {
  const queryClient = useQueryClient();
  return (
    <RepairLauncher
      launch={launch}
      onLaunched={() => void queryClient.invalidateQueries({ queryKey: maintenanceKeys.state(connectionId) })}
    />
  );
}
