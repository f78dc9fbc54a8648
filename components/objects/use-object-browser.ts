"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useReducer } from "react";
import { formatCount } from "@/lib/format/bytes";
import { bucketKeys } from "@/lib/resources/bucket-keys";
import { objectKeys } from "@/lib/resources/objects";
import { previewKind } from "@/lib/s3/paths";
import type { ObjectTag } from "@/lib/s3/types";
import type { BucketActions } from "./bucket-actions";
import { browserReducer, initialBrowserState } from "./browser-state";
import type { ObjectRowCallbacks } from "./object-table";
import { useFolderPages } from "./use-folder-pages";
import type { VersionRowCallbacks } from "./version-table";
import { useSelection } from "./use-selection";

export interface BrowsedFolder {
  connectionId: string;
  bucket: { id: string; name: string };
  prefix: string;
  /** Every version and delete marker instead of the current objects (?versions=1). */
  showVersions: boolean;
}

export function objectCount(count: number): string {
  return `${formatCount(count)} object${count === 1 ? "" : "s"}`;
}

export function browseHref(bucketId: string, prefix: string, showVersions = false): string {
  const search = new URLSearchParams();
  if (prefix) search.set("prefix", prefix);
  if (showVersions) search.set("versions", "1");
  const query = search.toString();
  return query ? `/browse/${bucketId}?${query}` : `/browse/${bucketId}`;
}

/** Starts a download of a presigned URL whose response says "attachment". */
function startDownload(url: string): void {
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.rel = "noopener";
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}

/** The object browser's state and what each control does; the view only lays it out. */
export function useObjectBrowser({ connectionId, bucket, prefix }: BrowsedFolder, actions: BucketActions) {
  const queryClient = useQueryClient();
  const pages = useFolderPages(connectionId, bucket.id, prefix);
  const selection = useSelection();
  const [state, dispatch] = useReducer(browserReducer, initialBrowserState);
  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: objectKeys.bucket(connectionId, bucket.id) });
    void queryClient.invalidateQueries({ queryKey: bucketKeys.all });
  }, [queryClient, connectionId, bucket.id]);
  const fail = (text: string) => dispatch({ type: "failed", text });
  /** An action finished: say what happened, forget what it removed, re-read the folder. */
  const done = (text: string, removedKeys?: readonly string[]) => {
    dispatch({ type: "succeeded", text, removedKeys });
    refresh();
  };

  const rows: ObjectRowCallbacks = {
    folderHref: (folder) => browseHref(bucket.id, folder),
    onInspect: async (key) => {
      const result = await actions.head({ key });
      if (result.ok) dispatch({ type: "inspected", metadata: result.data });
      else fail(result.error);
    },
    onDownload: async (key) => {
      const result = await actions.downloadUrl({ key });
      if (result.ok) startDownload(result.data.url);
      else fail(result.error);
    },
    onPreview: async (key) => {
      const [head, url] = await Promise.all([actions.head({ key }), actions.previewUrl({ key })]);
      if (!head.ok) return fail(head.error);
      if (!url.ok) return fail(url.error);
      const target = {
        key,
        url: url.data.url,
        kind: previewKind(head.data.contentType, key),
        sizeBytes: head.data.sizeBytes,
      };
      dispatch({ type: "opened", dialog: { kind: "preview", target } });
    },
    onShare: (key) => dispatch({ type: "opened", dialog: { kind: "share", key } }),
    onDeleteFolder: (folder) => dispatch({ type: "opened", dialog: { kind: "deletePrefix", prefix: folder } }),
    onToggle: selection.toggle,
    onToggleAll: (on) => selection.setAll(on && pages.page ? pages.page.objects.map((item) => item.key) : []),
  };

  const versionRows: VersionRowCallbacks = {
    folderHref: (folder) => browseHref(bucket.id, folder, true),
    onRestore: async ({ key, versionId }) => {
      const result = await actions.restoreVersion({ key, versionId });
      if (result.ok) done(`Restored ${key}: that version is current again.`);
      else fail(result.error);
    },
    onDeleteVersion: (entry) => dispatch({ type: "opened", dialog: { kind: "deleteVersion", entry } }),
  };

  const deleteVersion = async (key: string, versionId: string) => {
    const result = await actions.deleteVersion({ key, versionId });
    if (result.ok) done(`Deleted a version of ${key}.`);
    return result;
  };

  const saveTags = (key: string, tags: ObjectTag[]) => actions.setTags({ key, tags });

  const deleteSelected = async () => {
    const keys = selection.keys;
    const result = await actions.deleteKeys({ keys });
    if (result.ok) {
      selection.clear();
      done(`Deleted ${objectCount(result.data.deleted)}.`, keys);
    }
    return result;
  };

  return {
    pages: {
      ...pages,
      next: async () => {
        if (await pages.next()) selection.clear();
      },
      previous: () => (selection.clear(), pages.previous()),
    },
    selection,
    state,
    dispatch,
    rows,
    versionRows,
    deleteVersion,
    saveTags,
    refresh,
    deleteSelected,
    done,
  };
}

export type ObjectBrowserModel = ReturnType<typeof useObjectBrowser>;
