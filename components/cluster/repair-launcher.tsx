"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { Action } from "@/lib/action-result";
import { launchableRepairs, repairDescriptions, type LaunchableRepair } from "@/lib/admin-api/maintenance";

/** Launches a repair on every node, each behind a confirmation saying what it does. */
export function RepairLauncher({
  launch,
  onLaunched,
}: {
  launch: Action<{ repair: LaunchableRepair }, null>;
  onLaunched: () => void;
}) {
  const [chosen, setChosen] = useState<LaunchableRepair | null>(null);
  const [launched, setLaunched] = useState<LaunchableRepair | null>(null);
  return (
    <div className="flex flex-col gap-3">
      <ul className="grid gap-3 sm:grid-cols-3">
        {launchableRepairs.map((repair) => (
          <li key={repair} className="flex flex-col gap-2 rounded-md border border-border p-3">
            <span className="text-sm font-semibold">{repairDescriptions[repair].title}</span>
            <span className="text-xs text-muted">{repairDescriptions[repair].effect}</span>
            <Button type="button" variant="ghost" className="mt-auto self-start" onClick={() => setChosen(repair)}>
              {repairDescriptions[repair].title}…
            </Button>
          </li>
        ))}
      </ul>
      {launched ? (
        <Alert tone="success">
          {repairDescriptions[launched].title} launched on every node; its progress is on the Overview.
        </Alert>
      ) : null}
      <ConfirmDialog
        open={chosen !== null}
        title={chosen ? `${repairDescriptions[chosen].title} on every node?` : ""}
        body={chosen ? repairDescriptions[chosen].effect : ""}
        confirmLabel="Launch"
        onClose={() => setChosen(null)}
        onConfirm={async () => {
          const repair = chosen ?? "blocks";
          const result = await launch({ repair });
          if (result.ok) {
            setLaunched(repair);
            onLaunched();
          }
          return result;
        }}
      />
    </div>
  );
}
