"use client";

import { useMemo } from "react";
import { ObjectBrowser } from "@/components/objects/object-browser";
import { bucketActions, uploadActions } from "./bound-actions";

/** Binds the object actions to this bucket; the browser itself is components/objects/object-browser. */
export function BrowserView({
  readOnly,
  ...folder
}: {
  connectionId: string;
  bucket: { id: string; name: string };
  prefix: string;
  showVersions: boolean;
  readOnly: boolean;
  consoleKeyGrantedNow: boolean;
}) {
  const actions = useMemo(() => bucketActions(folder.bucket.id), [folder.bucket.id]);
  return (
    <ObjectBrowser
      folder={folder}
      actions={actions}
      uploadActions={uploadActions}
      readOnly={readOnly}
      consoleKeyGrantedNow={folder.consoleKeyGrantedNow}
    />
  );
}
