"use client";

import { useState } from "react";
import { useResultCall } from "@/components/ui/use-action-state";
import type { Action } from "@/lib/action-result";
import type { LayoutEditorData, LayoutPreview } from "@/lib/admin-api/layout";
import type { LayoutActions } from "./layout-editor";

/**
 * The layout editor's writes: stage, preview, apply, revert. Each clears the notice
 * first; a failure re-reads the layout, since it may mean someone else changed it.
 */
export function useLayoutChanges(data: LayoutEditorData, actions: LayoutActions, onChanged: () => void) {
  const [preview, setPreview] = useState<LayoutPreview | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Apply asks first, with the preview's figures in front of the person.
  const [confirmingApply, setConfirmingApply] = useState(false);
  const call = useResultCall();
  const nextVersion = data.version + 1;
  const changed = () => {
    setPreview(null);
    onChanged();
  };
  const run = async <T>(work: () => ReturnType<Action<unknown, T>>, after: (value: T) => void) => {
    setNotice(null);
    const result = await call.run(work);
    if (result.ok) after(result.data);
    else onChanged();
  };
  return {
    preview,
    notice,
    call,
    nextVersion,
    hasStaged: data.staged.length > 0 || data.stagedZoneRedundancy !== null,
    changed,
    removeRole: (id: string) => run(() => actions.stage({ roles: [{ id, remove: true }] }), changed),
    previewStaged: () => run(() => actions.preview(), setPreview),
    confirmingApply,
    /** Opens the confirmation, computing the preview first when there is none. */
    askApply: () =>
      preview
        ? setConfirmingApply(true)
        : run(
            () => actions.preview(),
            (computed) => {
              setPreview(computed);
              setConfirmingApply(true);
            },
          ),
    cancelApply: () => setConfirmingApply(false),
    applyStaged: () => {
      setConfirmingApply(false);
      return run(
        () => actions.apply({ version: nextVersion }),
        (applied) => {
          setNotice(`Layout version ${applied.version} applied.`);
          changed();
        },
      );
    },
    revertStaged: () => run(() => actions.revert(), changed),
  };
}

export type LayoutChanges = ReturnType<typeof useLayoutChanges>;
