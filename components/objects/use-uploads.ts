"use client";

import { useCallback, useRef, useState } from "react";
import { usesMultipart } from "@/lib/s3/parts";
import type { PickedFile } from "./picked-files";
import type { UploadActions, UploadItem } from "./upload-types";
import { TransferError } from "./transfer-error";

/**
 * The upload queue: files go up one after another (each with its parts in parallel),
 * each with its own progress and a cancel. `onUploaded` runs after each success so
 * the listing can refresh.
 */
export function useUploads(bucketId: string, actions: UploadActions, onUploaded: () => void) {
  const [items, setItems] = useState<UploadItem[]>([]);
  const controllers = useRef(new Map<string, AbortController>());
  const queue = useRef<Promise<void>>(Promise.resolve());
  const counter = useRef(0);

  const update = useCallback(
    (id: string, change: Partial<UploadItem>) =>
      setItems((current) => current.map((item) => (item.id === id ? { ...item, ...change } : item))),
    [],
  );

  const run = useCallback(
    async (item: UploadItem, file: File) => {
      const controller = controllers.current.get(item.id);
      if (!controller || controller.signal.aborted) return;
      update(item.id, { status: "uploading" });
      try {
        // The upload code (presigned PUTs, multipart parts) loads with the first file sent, not with the page.
        const { uploadFile } = await import("./upload-file");
        await uploadFile(actions, {
          bucketId,
          key: item.key,
          file,
          signal: controller.signal,
          onProgress: (loadedBytes) => update(item.id, { loadedBytes }),
          onCompleting: () => update(item.id, { status: "completing" }),
        });
        update(item.id, { status: "done", loadedBytes: file.size });
        onUploaded();
      } catch (error) {
        const cancelled = controller.signal.aborted;
        update(item.id, {
          status: cancelled ? "cancelled" : "failed",
          error: cancelled ? null : error instanceof TransferError ? error.message : "The upload failed.",
        });
      } finally {
        controllers.current.delete(item.id);
      }
    },
    [actions, bucketId, onUploaded, update],
  );

  const add = useCallback(
    (files: PickedFile[], prefix: string) => {
      // A file inside a chosen or dropped folder keeps its path: prefix + "photos/2024/a.jpg".
      const added = files.map(({ file, path }): [UploadItem, File] => {
        counter.current += 1;
        const id = `upload-${counter.current}`;
        controllers.current.set(id, new AbortController());
        return [
          {
            id,
            name: path,
            key: `${prefix}${path}`,
            sizeBytes: file.size,
            loadedBytes: 0,
            status: "queued",
            multipart: usesMultipart(file.size),
            error: null,
          },
          file,
        ];
      });
      setItems((current) => [...current, ...added.map(([item]) => item)]);
      for (const [item, file] of added) queue.current = queue.current.then(() => run(item, file));
    },
    [run],
  );

  const cancel = useCallback(
    (id: string) => {
      const controller = controllers.current.get(id);
      if (controller) controller.abort();
      update(id, { status: "cancelled" });
    },
    [update],
  );

  const clearFinished = useCallback(
    () =>
      setItems((current) =>
        current.filter(
          (item) => item.status === "queued" || item.status === "uploading" || item.status === "completing",
        ),
      ),
    [],
  );

  return { items, add, cancel, clearFinished };
}
