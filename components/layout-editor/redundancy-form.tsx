"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { useResultCall } from "@/components/ui/use-action-state";
import type { Action } from "@/lib/action-result";
import type { StageInput } from "./role-form";

/** Zone redundancy: `maximum` (as many zones as the replication factor allows) or at least n. */
export function RedundancyForm({
  current,
  stageAction,
  onStaged,
}: {
  current: string | null;
  stageAction: Action<StageInput, null>;
  onStaged: () => void;
}) {
  const [value, setValue] = useState("maximum");
  const call = useResultCall();
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if ((await call.run(() => stageAction({ roles: [], zoneRedundancy: value }))).ok) onStaged();
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3" aria-label="Stage zone redundancy">
      <SelectField
        label={`Zone redundancy (now ${current ?? "unknown"})`}
        value={value}
        onChange={(event) => setValue(event.target.value)}
      >
        <option value="maximum">maximum</option>
        {[1, 2, 3, 4, 5, 6, 7].map((count) => (
          <option key={count} value={String(count)}>
            at least {count} {count === 1 ? "zone" : "zones"}
          </option>
        ))}
      </SelectField>
      <Button type="submit" variant="ghost" disabled={call.pending}>
        Stage redundancy
      </Button>
      {call.error ? <Alert tone="error">{call.error}</Alert> : null}
    </form>
  );
}
