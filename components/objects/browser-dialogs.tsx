"use client";

import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { bucketListQuery } from "@/lib/resources/buckets";
import type { BucketActions } from "./bucket-actions";
import { objectCount, type BrowsedFolder, type ObjectBrowserModel } from "./use-object-browser";

// Each dialog's code loads when it first opens, not with the page.
const CopyMoveDialog = dynamic(() => import("./copy-move-dialog").then((module) => module.CopyMoveDialog));
const DeletePrefixDialog = dynamic(() => import("./delete-prefix-dialog").then((module) => module.DeletePrefixDialog));
const PreviewDialog = dynamic(() => import("./preview-dialog").then((module) => module.PreviewDialog));
const ShareDialog = dynamic(() => import("./share-dialog").then((module) => module.ShareDialog));

/** The browser's dialogs; at most one is open, as the browser's state says. */
export function BrowserDialogs({
  browser,
  folder,
  actions,
}: {
  browser: ObjectBrowserModel;
  folder: BrowsedFolder;
  actions: BucketActions;
}) {
  const { dialog } = browser.state;
  const close = () => browser.dispatch({ type: "closed" });
  const copyKeys = dialog?.kind === "copy" ? dialog.keys : null;
  // The copy target's bucket list is read only when the dialog opens.
  const buckets = useQuery({ ...bucketListQuery(folder.connectionId), enabled: copyKeys !== null });
  return (
    <>
      {dialog?.kind === "preview" ? <PreviewDialog target={dialog.target} onClose={close} /> : null}
      {dialog?.kind === "share" ? <ShareDialog objectKey={dialog.key} onClose={close} share={actions.share} /> : null}
      {dialog?.kind === "deletePrefix" ? (
        <DeletePrefixDialog
          prefix={dialog.prefix}
          onClose={close}
          count={actions.countPrefix}
          remove={actions.deletePrefix}
          onDeleted={(deleted) => browser.done(`Deleted ${objectCount(deleted)}.`)}
        />
      ) : null}
      <ConfirmDialog
        open={dialog?.kind === "deleteSelected"}
        title="Delete objects"
        body={`Delete ${objectCount(browser.selection.selected.size)}? This cannot be undone.`}
        confirmLabel="Delete"
        onClose={close}
        onConfirm={browser.deleteSelected}
      />
      <ConfirmDialog
        open={dialog?.kind === "deleteVersion"}
        title={
          dialog?.kind === "deleteVersion" && dialog.entry.deleteMarker ? "Remove delete marker" : "Delete version"
        }
        body={
          dialog?.kind === "deleteVersion"
            ? dialog.entry.deleteMarker
              ? `Remove this delete marker of ${dialog.entry.key}? The version below it becomes current again.`
              : `Delete version ${dialog.entry.versionId} of ${dialog.entry.key} for good? This cannot be undone.`
            : ""
        }
        confirmLabel="Delete"
        onClose={close}
        onConfirm={() =>
          dialog?.kind === "deleteVersion"
            ? browser.deleteVersion(dialog.entry.key, dialog.entry.versionId)
            : Promise.resolve({ ok: true as const, data: null })
        }
      />
      {copyKeys ? (
        <CopyMoveDialog
          keys={copyKeys}
          buckets={buckets.data?.map((item) => ({ id: item.id, name: item.name })) ?? [folder.bucket]}
          currentBucketId={folder.bucket.id}
          currentPrefix={folder.prefix}
          onClose={close}
          copy={actions.copy(copyKeys)}
          onDone={(target, copied) => {
            browser.selection.clear();
            browser.done(`${target.move ? "Moved" : "Copied"} ${objectCount(copied)}.`);
          }}
        />
      ) : null}
    </>
  );
}
