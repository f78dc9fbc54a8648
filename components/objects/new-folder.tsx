"use client";

import { FolderPlus } from "lucide-react";
import { lazy, Suspense, useState } from "react";
import { Button } from "@/components/ui/button";
import type { UploadActions } from "./upload-types";

// The dialog's code loads when it first opens, and it stays mounted after, as it was.
const NewFolderDialog = lazy(() =>
  import("./new-folder-dialog").then((module) => ({ default: module.NewFolderDialog })),
);

/** "New folder": opens the dialog that makes one (an empty "<folder>/" object). */
export function NewFolderButton(props: {
  bucketId: string;
  prefix: string;
  presignPut: UploadActions["presignPut"];
  showVersions: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        type="button"
        variant="ghost"
        onClick={() => {
          setOpened(true);
          setOpen(true);
        }}
      >
        <FolderPlus aria-hidden="true" size={14} /> New folder
      </Button>
      {opened ? (
        <Suspense fallback={null}>
          <NewFolderDialog open={open} onClose={() => setOpen(false)} {...props} />
        </Suspense>
      ) : null}
    </>
  );
}
