"use client";

import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useMemo, useState } from "react";
import { Breadcrumbs } from "@/components/objects/breadcrumbs";
import { CopyMoveDialog } from "@/components/objects/copy-move-dialog";
import { DeletePrefixDialog } from "@/components/objects/delete-prefix-dialog";
import { MetadataPanel } from "@/components/objects/metadata-panel";
import { ObjectTable, type ObjectRowCallbacks } from "@/components/objects/object-table";
import { PageNav } from "@/components/objects/page-nav";
import { PreviewDialog, type PreviewTarget } from "@/components/objects/preview-dialog";
import { ShareDialog } from "@/components/objects/share-dialog";
import { UploadList } from "@/components/objects/upload-list";
import { UploadZone } from "@/components/objects/upload-zone";
import { useUploads } from "@/components/objects/use-uploads";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ObjectMetadata } from "@/lib/s3/types";
import { formatCount } from "@/lib/format/bytes";
import { breadcrumbs, previewKind } from "@/lib/s3/paths";
import { bucketActions, uploadActions } from "./bound-actions";
import { bucketKeys, bucketListQuery } from "@/lib/resources/buckets";
import { folderQuery, objectKeys } from "@/lib/resources/objects";

type Message = { tone: "success" | "error"; text: string } | null;

function objectCount(count: number): string {
  return `${formatCount(count)} object${count === 1 ? "" : "s"}`;
}

function browseHref(bucketId: string, prefix: string): string {
  return prefix ? `/browse/${bucketId}?prefix=${encodeURIComponent(prefix)}` : `/browse/${bucketId}`;
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

export function BrowserView({
  connectionId,
  bucket,
  prefix,
}: {
  connectionId: string;
  bucket: { id: string; name: string };
  prefix: string;
}) {
  const queryClient = useQueryClient();
  const actions = useMemo(() => bucketActions(bucket.id), [bucket.id]);
  const listing = useInfiniteQuery(folderQuery(connectionId, bucket.id, prefix));
  const [pageIndex, setPageIndex] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [details, setDetails] = useState<ObjectMetadata | null>(null);
  const [preview, setPreview] = useState<PreviewTarget | null>(null);
  const [shareKey, setShareKey] = useState<string | null>(null);
  const [deletingPrefix, setDeletingPrefix] = useState<string | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [copyKeys, setCopyKeys] = useState<string[] | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const buckets = useQuery({ ...bucketListQuery(connectionId), enabled: copyKeys !== null });

  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: objectKeys.bucket(connectionId, bucket.id) });
    void queryClient.invalidateQueries({ queryKey: bucketKeys.all });
  }, [queryClient, connectionId, bucket.id]);
  const uploads = useUploads(bucket.id, uploadActions, refresh);

  const pages = listing.data?.pages ?? [];
  const shownIndex = Math.min(pageIndex, Math.max(0, pages.length - 1));
  const page = pages[shownIndex];
  const firstEntry =
    pages.slice(0, shownIndex).reduce((sum, item) => sum + item.folders.length + item.objects.length, 0) + 1;
  const entriesOnPage = page ? page.folders.length + page.objects.length : 0;
  const hasNext = shownIndex < pages.length - 1 || listing.hasNextPage;

  const goNext = async () => {
    if (shownIndex >= pages.length - 1) {
      const next = await listing.fetchNextPage();
      if (next.isError) return;
    }
    setSelected(new Set());
    setPageIndex(shownIndex + 1);
  };
  const goPrevious = () => {
    setSelected(new Set());
    setPageIndex(Math.max(0, shownIndex - 1));
  };

  const fail = (text: string) => setMessage({ tone: "error", text });
  const callbacks: ObjectRowCallbacks = {
    folderHref: (folder) => browseHref(bucket.id, folder),
    onInspect: async (key) => {
      const result = await actions.head({ key });
      if (result.ok) setDetails(result.data);
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
      setPreview({
        key,
        url: url.data.url,
        kind: previewKind(head.data.contentType, key),
        sizeBytes: head.data.sizeBytes,
      });
    },
    onShare: setShareKey,
    onDeleteFolder: setDeletingPrefix,
    onToggle: (key, on) =>
      setSelected((current) => {
        const next = new Set(current);
        if (on) next.add(key);
        else next.delete(key);
        return next;
      }),
    onToggleAll: (on) => setSelected(on && page ? new Set(page.objects.map((item) => item.key)) : new Set()),
  };
  const selectedKeys = [...selected];

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div className="min-w-0">
          <p className="text-sm">
            <Link href={`/buckets/${bucket.id}`} className="text-accent underline">
              Bucket settings
            </Link>
          </p>
          <h1 className="truncate text-2xl font-semibold">Objects in {bucket.name}</h1>
        </div>
      </div>
      <Breadcrumbs crumbs={breadcrumbs(bucket.name, prefix)} hrefFor={(crumb) => browseHref(bucket.id, crumb)} />
      <UploadZone destination={prefix} onFiles={(files) => uploads.add(files, prefix)} />
      <UploadList items={uploads.items} onCancel={uploads.cancel} onClear={uploads.clearFinished} />
      {message ? (
        <div className="flex items-start gap-2">
          <div className="flex-1">
            <Alert tone={message.tone}>{message.text}</Alert>
          </div>
          <Button type="button" variant="ghost" onClick={() => setMessage(null)}>
            Dismiss
          </Button>
        </div>
      ) : null}
      <div role="toolbar" aria-label="Selected objects" className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-muted" aria-live="polite">
          {formatCount(selected.size)} selected
        </span>
        <Button type="button" variant="ghost" disabled={selected.size === 0} onClick={() => setConfirmingDelete(true)}>
          Delete selected
        </Button>
        <Button type="button" variant="ghost" disabled={selected.size === 0} onClick={() => setCopyKeys(selectedKeys)}>
          Copy or move…
        </Button>
        {prefix ? (
          <Button type="button" variant="ghost" onClick={() => setDeletingPrefix(prefix)}>
            Delete this folder…
          </Button>
        ) : null}
        <Button type="button" variant="ghost" onClick={refresh} disabled={listing.isFetching}>
          {listing.isFetching ? "Refreshing…" : "Refresh"}
        </Button>
      </div>
      <div className={`grid gap-4 ${details ? "lg:grid-cols-[1fr_20rem]" : ""}`}>
        <div className="flex min-w-0 flex-col gap-3">
          {listing.error && !page ? (
            <Alert tone="error">{`The folder could not be listed: ${listing.error.message}`}</Alert>
          ) : null}
          {!page && !listing.error ? <p className="text-sm text-muted">Listing…</p> : null}
          {page ? (
            <ObjectTable
              prefix={prefix}
              folders={page.folders}
              objects={page.objects}
              selected={selected}
              inspectedKey={details?.key ?? null}
              callbacks={callbacks}
            />
          ) : null}
          <PageNav
            pageIndex={shownIndex}
            firstEntry={firstEntry}
            lastEntry={firstEntry + entriesOnPage - 1}
            hasNext={hasNext}
            loading={listing.isFetchingNextPage}
            onPrevious={goPrevious}
            onNext={goNext}
          />
        </div>
        {details ? <MetadataPanel metadata={details} onClose={() => setDetails(null)} /> : null}
      </div>
      <PreviewDialog target={preview} onClose={() => setPreview(null)} />
      <ShareDialog objectKey={shareKey} onClose={() => setShareKey(null)} share={actions.share} />
      <DeletePrefixDialog
        prefix={deletingPrefix}
        onClose={() => setDeletingPrefix(null)}
        count={actions.countPrefix}
        remove={actions.deletePrefix}
        onDeleted={(deleted) => (setMessage({ tone: "success", text: `Deleted ${objectCount(deleted)}.` }), refresh())}
      />
      <ConfirmDialog
        open={confirmingDelete}
        title="Delete objects"
        body={`Delete ${objectCount(selected.size)}? This cannot be undone.`}
        confirmLabel="Delete"
        onClose={() => setConfirmingDelete(false)}
        onConfirm={async () => {
          const result = await actions.deleteKeys({ keys: selectedKeys });
          if (result.ok) {
            setSelected(new Set());
            setDetails((current) => (current && selected.has(current.key) ? null : current));
            setMessage({ tone: "success", text: `Deleted ${objectCount(result.data.deleted)}.` });
            refresh();
          }
          return result;
        }}
      />
      {copyKeys ? (
        <CopyMoveDialog
          keys={copyKeys}
          buckets={buckets.data?.map((item) => ({ id: item.id, name: item.name })) ?? [bucket]}
          currentBucketId={bucket.id}
          currentPrefix={prefix}
          onClose={() => setCopyKeys(null)}
          copy={actions.copy(copyKeys)}
          onDone={(target, copied) => {
            setSelected(new Set());
            setMessage({ tone: "success", text: `${target.move ? "Moved" : "Copied"} ${objectCount(copied)}.` });
            refresh();
          }}
        />
      ) : null}
    </div>
  );
}
