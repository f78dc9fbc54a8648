"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { isValidKey } from "@/lib/s3/paths";
import type { UploadActions } from "./upload-types";
import { browseHref } from "./use-object-browser";
import { TransferError } from "./transfer-error";
import { putBlob } from "./xhr";

/**
 * S3 has no folders, only keys with slashes: a new folder is an empty object named
 * "<folder>/" (as AWS's console makes it), so it shows before anything is in it.
 * Once made, the browser opens it.
 */
export function NewFolderDialog({
  open,
  onClose,
  bucketId,
  prefix,
  presignPut,
  showVersions,
}: {
  open: boolean;
  onClose: () => void;
  bucketId: string;
  prefix: string;
  presignPut: UploadActions["presignPut"];
  showVersions: boolean;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("folder") ?? "").replace(/^\/+|\/+$/g, "");
    const key = `${prefix}${name}/`;
    if (!name || !isValidKey(key)) return setError("That folder name makes a key S3 does not take.");
    setPending(true);
    setError(null);
    try {
      const presigned = await presignPut({ bucketId, key });
      if (!presigned.ok) throw new TransferError(presigned.error, false);
      await putBlob(presigned.data.url, new Blob([]), { signal: new AbortController().signal, onProgress: () => {} });
      onClose();
      router.push(browseHref(bucketId, key, showVersions));
    } catch (failure) {
      setError(failure instanceof TransferError ? failure.message : "The folder could not be made.");
    } finally {
      setPending(false);
    }
  };
  return (
    <Dialog open={open} title="New folder" onClose={onClose}>
      <form onSubmit={create} className="flex flex-col gap-3">
        <TextField
          label="Folder name"
          name="folder"
          required
          pattern="[^/].*"
          invalidMessage="A folder name does not start with “/”."
          hint={`Made in ${prefix || "the bucket's top level"}; use “/” for folders inside it.`}
        />
        {error ? <Alert tone="error">{error}</Alert> : null}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? "Making…" : "Make folder"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
