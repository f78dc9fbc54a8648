"use client";

import { NewFolderButton } from "./new-folder";
import { UploadList } from "./upload-list";
import type { UploadActions } from "./upload-types";
import { UploadZone } from "./upload-zone";
import { useUploads } from "./use-uploads";

/**
 * The drop zone, the file and folder pickers, "New folder" and the upload queue with its
 * progress: a writer's part of the object browser, which loads it lazily. `onUploaded`
 * re-reads the listing after each file.
 */
export function UploadControls({
  bucketId,
  prefix,
  showVersions,
  uploadActions,
  onUploaded,
}: {
  bucketId: string;
  prefix: string;
  showVersions: boolean;
  uploadActions: UploadActions;
  onUploaded: () => void;
}) {
  const uploads = useUploads(bucketId, uploadActions, onUploaded);
  return (
    <>
      <UploadZone destination={prefix} onFiles={(files) => uploads.add(files, prefix)}>
        <NewFolderButton
          bucketId={bucketId}
          prefix={prefix}
          presignPut={uploadActions.presignPut}
          showVersions={showVersions}
        />
      </UploadZone>
      <UploadList items={uploads.items} onCancel={uploads.cancel} onClear={uploads.clearFinished} />
    </>
  );
}
