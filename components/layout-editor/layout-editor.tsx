"use client";

import { lazy, Suspense, useState } from "react";
import { Card } from "@/components/ui/card";
import type { Action } from "@/lib/action-result";
import type { LayoutEditorData, LayoutPreview } from "@/lib/admin-api/layout";
import { HistoryTable } from "./history-table";
import { RoleForm, type StageInput } from "./role-form";
import { RolesList } from "./roles-list";
import { AddVolumeForm, type AddedVolume } from "./add-volume-form";
import { RedundancyForm } from "./redundancy-form";
import { StagedCard } from "./staged-card";
import { useLayoutChanges } from "./use-layout-changes";

// Shown after "Preview" only: its code loads then.
const PreviewView = lazy(() => import("./preview-view").then((module) => ({ default: module.PreviewView })));

export interface LayoutActions {
  stage: Action<StageInput, null>;
  preview: Action<void, LayoutPreview>;
  apply: Action<{ version: number }, { version: number; messages: string[] }>;
  revert: Action<void, null>;
  addVolume: Action<{ address: string }, AddedVolume>;
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
  const changes = useLayoutChanges(data, actions, onChanged);
  // The node a volume just became: the role form opens on it.
  const [addedNodeId, setAddedNodeId] = useState<string | null>(null);
  const added = (volume: AddedVolume) => {
    setAddedNodeId(volume.nodeId);
    changes.changed();
  };
  return (
    <div className="flex flex-col gap-6">
      <Card title="Add a volume">
        {canAddVolume ? (
          <AddVolumeForm addAction={actions.addVolume} onAdded={added} />
        ) : (
          <p className="text-sm text-muted">Connecting nodes needs Garage v2.</p>
        )}
      </Card>
      <Card title="Stage role changes">
        <div className="flex flex-col gap-5">
          <RoleForm
            key={addedNodeId ?? "none"}
            initialNodeId={addedNodeId}
            nodeAddresses={data.nodeAddresses}
            candidates={data.candidates}
            roles={data.roles}
            stageAction={actions.stage}
            onStaged={changes.changed}
          />
          <RedundancyForm current={data.zoneRedundancy} stageAction={actions.stage} onStaged={changes.changed} />
          <RolesList roles={data.roles} pending={changes.call.pending} onRemove={changes.removeRole} />
        </div>
      </Card>
      <StagedCard data={data} changes={changes} />
      {changes.preview ? (
        <Card title="Preview: current and new assignment">
          <Suspense fallback={<p className="text-sm text-muted">Loading the preview…</p>}>
            <PreviewView preview={changes.preview} />
          </Suspense>
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
