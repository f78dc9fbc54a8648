"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useResultCall } from "@/components/ui/use-action-state";
import type { Action } from "@/lib/action-result";
import type { LayoutEditorData, LayoutPreview } from "@/lib/admin-api/layout";
import { HistoryTable } from "./history-table";
import { PreviewView } from "./preview-view";
import { RoleForm, type StageInput } from "./role-form";
import { RolesList, StagedList } from "./roles-list";
import { AddVolumeForm, RedundancyForm } from "./small-forms";

export interface LayoutActions {
  stage: Action<StageInput, null>;
  preview: Action<void, LayoutPreview>;
  apply: Action<{ version: number }, { version: number; messages: string[] }>;
  revert: Action<void, null>;
  addVolume: Action<{ address: string }, null>;
}

/** Stage, preview, apply or revert; history below. `onChanged` re-reads after each write. */
export function LayoutEditor({
  data,
  actions,
  onChanged,
  canAddVolume,
}: {
  data: LayoutEditorData;
  actions: LayoutActions;
  onChanged: () => void;
  canAddVolume: boolean;
}) {
  const [preview, setPreview] = useState<LayoutPreview | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const call = useResultCall();
  const hasStaged = data.staged.length > 0 || data.stagedZoneRedundancy !== null;
  const changed = () => {
    setPreview(null);
    onChanged();
  };
  const run = async <T,>(work: () => ReturnType<Action<unknown, T>>, after: (value: T) => void) => {
    setNotice(null);
    const result = await call.run(work);
    if (result.ok) after(result.data);
    // A failed apply may mean someone else changed the layout: always re-read.
    else onChanged();
  };
  const nextVersion = data.version + 1;
  return (
    <div className="flex flex-col gap-6">
      <Card title="Add a volume">
        {canAddVolume ? (
          <AddVolumeForm addAction={actions.addVolume} onAdded={changed} />
        ) : (
          <p className="text-sm text-muted">Connecting nodes needs Garage v2.</p>
        )}
      </Card>
      <Card title="Stage role changes">
        <div className="flex flex-col gap-5">
          <RoleForm candidates={data.candidates} roles={data.roles} stageAction={actions.stage} onStaged={changed} />
          <RedundancyForm current={data.zoneRedundancy} stageAction={actions.stage} onStaged={changed} />
          <RolesList
            roles={data.roles}
            pending={call.pending}
            onRemove={(id) => run(() => actions.stage({ roles: [{ id, remove: true }] }), changed)}
          />
        </div>
      </Card>
      <Card title={`Staged for version ${nextVersion}`}>
        <StagedList staged={data.staged} stagedRedundancy={data.stagedZoneRedundancy} />
        <div className="mt-4 flex flex-wrap gap-2">
          <Button
            type="button"
            variant="ghost"
            disabled={!hasStaged || call.pending}
            onClick={() => run(() => actions.preview(), setPreview)}
          >
            Preview
          </Button>
          <Button
            type="button"
            disabled={!hasStaged || call.pending}
            onClick={() =>
              run(
                () => actions.apply({ version: nextVersion }),
                (applied) => {
                  setNotice(`Layout version ${applied.version} applied.`);
                  changed();
                },
              )
            }
          >
            Apply as version {nextVersion}
          </Button>
          <Button
            type="button"
            variant="ghost"
            disabled={!hasStaged || call.pending}
            onClick={() => run(() => actions.revert(), changed)}
          >
            Revert staged changes
          </Button>
        </div>
        <div className="mt-3 flex flex-col gap-2">
          {call.error ? <Alert tone="error">{call.error}</Alert> : null}
          {notice ? <Alert tone="success">{notice}</Alert> : null}
        </div>
      </Card>
      {preview ? (
        <Card title="Preview: current and new assignment">
          <PreviewView preview={preview} />
        </Card>
      ) : null}
      {data.history ? (
        <Card title="Layout history">
          <HistoryTable versions={data.history.versions} minAck={data.history.minAck} />
        </Card>
      ) : null}
    </div>
  );
}
