"use client";

import { useMemo, type ReactNode } from "react";
import { ObjectBrowser } from "@/components/objects/object-browser";
import { bucketActions, uploadActions } from "./bound-actions";

/** Binds the object actions to this bucket; the browser itself is components/objects/object-browser. */
export function BrowserView({
  readOnly,
  keyNote,
  ...folder
}: {
  connectionId: string;
  bucket: { id: string; name: string };
  prefix: string;
  showVersions: boolean;
  readOnly: boolean;
  keyNote: ReactNode;
}) {
  const actions = useMemo(() => bucketActions(folder.bucket.id), [folder.bucket.id]);
  return (
    <ObjectBrowser
      folder={folder}
      actions={actions}
      uploadActions={uploadActions}
      readOnly={readOnly}
      keyNote={keyNote}
    />
  );
}
