import type { Metadata } from "next";
import { addConnectionAction, removeConnectionAction, selectConnectionAction } from "@/lib/actions/connections";
import { requireRole } from "@/lib/auth/guard";
import { getActiveConnection } from "@/lib/connections";
import { describeConnections } from "@/lib/connections/manage";
import { ConnectionsView } from "./connections-view";

export const metadata: Metadata = { title: "Connections" };

export default async function ConnectionsPage() {
  await requireRole("admin");
  const [connections, active] = await Promise.all([describeConnections(), getActiveConnection()]);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Connections</h1>
        <p className="text-sm text-muted">
          The embedded engine and the Garage clusters this console manages. Pick one in the header; every page follows.
        </p>
      </div>
      <ConnectionsView
        connections={connections}
        activeId={active.id}
        actions={{ add: addConnectionAction, select: selectConnectionAction, remove: removeConnectionAction }}
      />
    </div>
  );
}
