"use client";

import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useResultCall } from "@/components/ui/use-action-state";
import type { Action } from "@/lib/action-result";
import type { VersioningState } from "@/lib/s3/types";

export type VersioningInput = { bucketId: string; enabled: boolean };

const explanations: Record<VersioningState, string> = {
  off: "Off: an overwrite or a delete replaces the object for good.",
  enabled:
    "On: every overwrite and delete keeps the older version; the object browser shows them, restores and deletes them.",
  suspended:
    "Suspended: new writes replace the object's “null” version; the versions kept while it was on stay until deleted.",
};

/** S3 versioning of one bucket: its state, and the one button that changes it. */
export function VersioningForm({
  bucketId,
  state,
  loadError,
  onSet,
}: {
  bucketId: string;
  /** null while it is being read. */
  state: VersioningState | null;
  loadError: string | null;
  onSet: Action<VersioningInput, { versioning: VersioningState }>;
}) {
  const call = useResultCall();
  if (loadError) return <Alert tone="error">{`Versioning could not be read: ${loadError}`}</Alert>;
  if (state === null) return <p className="text-sm text-muted">Reading versioning…</p>;
  const enable = state !== "enabled";
  return (
    <div className="flex flex-col gap-3">
      <p className="flex items-center gap-2 text-sm">
        <Badge tone={state === "enabled" ? "ok" : "neutral"}>
          {state === "enabled" ? "Versioning on" : state === "suspended" ? "Versioning suspended" : "Versioning off"}
        </Badge>
        <span className="text-muted">{explanations[state]}</span>
      </p>
      <div>
        <Button
          type="button"
          variant={enable ? "primary" : "ghost"}
          disabled={call.pending}
          onClick={() => void call.run(() => onSet({ bucketId, enabled: enable }))}
        >
          {enable ? "Turn versioning on" : "Suspend versioning"}
        </Button>
      </div>
      {call.error ? <Alert tone="error">{call.error}</Alert> : null}
    </div>
  );
}
