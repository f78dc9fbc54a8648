"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { AccessKeySummary } from "@/lib/admin-api/access-keys";
import { CreateKeyDialog, ImportKeyDialog, RenameKeyDialog } from "./key-dialogs";
import type { KeysPanelActions } from "./keys-panel";

/** Said wherever the console's own key could be mistaken for a client's: its card, rename and delete. */
export const consoleKeyWarning =
  "This is the console's own key: the object browser lists, uploads and deletes with it, and it is never offered to clients.";

/** The panel's dialogs, only for someone who may change keys. */
export function KeyDialogs({
  actions,
  dialog,
  mayCreateBuckets,
  noExpiry,
  renaming,
  deleting,
  onClosed,
}: {
  actions: KeysPanelActions;
  dialog: "create" | "import" | null;
  mayCreateBuckets: boolean;
  noExpiry: string | null;
  renaming: AccessKeySummary | null;
  deleting: AccessKeySummary | null;
  onClosed: () => void;
}) {
  return (
    <>
      <CreateKeyDialog
        open={dialog === "create"}
        onClose={onClosed}
        onCreate={actions.create}
        mayCreateBuckets={mayCreateBuckets}
        noExpiry={noExpiry}
      />
      {actions.importKey ? (
        <ImportKeyDialog open={dialog === "import"} onClose={onClosed} onImport={actions.importKey} />
      ) : null}
      <RenameKeyDialog
        key={renaming?.id ?? "none"}
        target={renaming}
        onClose={onClosed}
        onRename={actions.rename}
        consoleKeyWarning={consoleKeyWarning}
      />
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting?.name ?? "key"}?`}
        body={
          deleting?.consoleKey
            ? `${consoleKeyWarning} Deleted, the object browser is refused until the console makes a new key the next time a bucket is opened; the grants it had go with it.`
            : `Clients using ${deleting?.id ?? "this key"} will be refused at once. Its local bucket aliases go with it. This cannot be undone.`
        }
        confirmLabel={deleting?.consoleKey ? "Delete the console's key" : "Delete key"}
        onClose={onClosed}
        onConfirm={() =>
          actions.remove({ accessKeyId: deleting?.id ?? "", consoleKeyConfirmed: deleting?.consoleKey === true })
        }
      />
    </>
  );
}
