"use client";

import { lazy, Suspense, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { LayoutEditorData } from "@/lib/admin-api/layout";
import { StagedList } from "./roles-list";
import type { LayoutChanges } from "./use-layout-changes";

// The confirmation's code loads when it first opens; it stays mounted after, as it was.
const ApplyDialog = lazy(() => import("./apply-dialog").then((module) => ({ default: module.ApplyDialog })));

/** What is staged for the next version, and preview, apply (after a confirmation) or revert it. */
export function StagedCard({ data, changes }: { data: LayoutEditorData; changes: LayoutChanges }) {
  const disabled = !changes.hasStaged || changes.call.pending;
  const [applyAsked, setApplyAsked] = useState(false);
  if (changes.confirmingApply && !applyAsked) setApplyAsked(true);
  return (
    <Card title={`Staged for version ${changes.nextVersion}`}>
      <StagedList staged={data.staged} stagedRedundancy={data.stagedZoneRedundancy} />
      <div className="mt-4 flex flex-wrap gap-2">
        <Button type="button" variant="ghost" disabled={disabled} onClick={changes.previewStaged}>
          Preview
        </Button>
        <Button type="button" disabled={disabled} onClick={changes.askApply}>
          Apply as version {changes.nextVersion}
        </Button>
        <Button type="button" variant="ghost" disabled={disabled} onClick={changes.revertStaged}>
          Revert staged changes
        </Button>
      </div>
      <div className="mt-3 flex flex-col gap-2">
        {changes.call.error ? <Alert tone="error">{changes.call.error}</Alert> : null}
        {changes.notice ? <Alert tone="success">{changes.notice}</Alert> : null}
      </div>
      {applyAsked ? (
        <Suspense fallback={null}>
          <ApplyDialog
            open={changes.confirmingApply}
            version={changes.nextVersion}
            preview={changes.preview}
            onCancel={changes.cancelApply}
            onApply={changes.applyStaged}
          />
        </Suspense>
      ) : null}
    </Card>
  );
}
