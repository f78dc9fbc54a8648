"use client";

import Link from "next/link";
import { lazy, Suspense, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { breadcrumbs } from "@/lib/s3/paths";
import type { BucketActions } from "./bucket-actions";
import { Breadcrumbs } from "./breadcrumbs";
import { ObjectTable } from "./object-table";
import { PageNav } from "./page-nav";
import { SelectionToolbar } from "./selection-toolbar";
import type { UploadActions } from "./upload-types";
import { browseHref, useObjectBrowser, type BrowsedFolder, type ObjectBrowserModel } from "./use-object-browser";

// Shown only when asked for (an object's details, the versions view, a dialog, an upload): their
// code loads then. React's lazy rather than next/dynamic, whose own code (~2 KiB gzipped) would
// be in the page's first load.
const MetadataPanel = lazy(() => import("./metadata-panel").then((module) => ({ default: module.MetadataPanel })));
const VersionsPage = lazy(() => import("./versions-page").then((module) => ({ default: module.VersionsPage })));
const BrowserDialogs = lazy(() => import("./browser-dialogs").then((module) => ({ default: module.BrowserDialogs })));
// The upload controls and queue: a writer's only, their chunk fetched as the page hydrates (the server's HTML shows them first).
const UploadControls = lazy(() => import("./upload-controls").then((module) => ({ default: module.UploadControls })));

/**
 * One folder of a bucket: uploads, the selection's actions, one page of entries, details and
 * dialogs. Read only (a viewer): browse, inspect, preview and download; nothing that changes.
 */
export function ObjectBrowser({
  folder,
  actions,
  uploadActions,
  readOnly = false,
  keyNote,
}: {
  folder: BrowsedFolder;
  actions: BucketActions;
  uploadActions: UploadActions;
  readOnly?: boolean;
  /** Which key the console browses with (ConsoleKeyNote, rendered by the server page). */
  keyNote?: ReactNode;
}) {
  const browser = useObjectBrowser(folder, actions);
  const { bucket, prefix } = folder;
  const { state } = browser;
  // The dialogs mount with the first one opened and stay, so a closing dialog is never cut short.
  const [dialogsOpened, setDialogsOpened] = useState(false);
  if (state.dialog && !dialogsOpened) setDialogsOpened(true);
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
        <Link
          href={browseHref(bucket.id, prefix, !folder.showVersions)}
          role="switch"
          aria-checked={folder.showVersions}
          className="rounded-md border border-border px-3 py-1.5 text-sm hover:bg-background focus-visible:outline-2 focus-visible:outline-accent"
        >
          {folder.showVersions ? "Hide versions" : "Show versions"}
        </Link>
      </div>
      <Breadcrumbs
        crumbs={breadcrumbs(bucket.name, prefix)}
        hrefFor={(crumb) => browseHref(bucket.id, crumb, folder.showVersions)}
      />
      {keyNote}
      {readOnly ? null : (
        <Suspense fallback={null}>
          <UploadControls
            bucketId={bucket.id}
            prefix={prefix}
            showVersions={folder.showVersions}
            uploadActions={uploadActions}
            onUploaded={browser.refresh}
          />
        </Suspense>
      )}
      {state.message ? (
        <div className="flex items-start gap-2">
          <div className="flex-1">
            <Alert tone={state.message.tone}>{state.message.text}</Alert>
          </div>
          <Button type="button" variant="ghost" onClick={() => browser.dispatch({ type: "dismissed" })}>
            Dismiss
          </Button>
        </div>
      ) : null}
      <SelectionToolbar browser={browser} prefix={prefix} readOnly={readOnly} />
      <div className={`grid gap-4 ${state.details ? "lg:grid-cols-[1fr_20rem]" : ""}`}>
        {folder.showVersions ? (
          <Suspense fallback={<p className="text-sm text-muted">Listing versions…</p>}>
            <VersionsPage browser={browser} folder={folder} readOnly={readOnly} />
          </Suspense>
        ) : (
          <FolderPage browser={browser} prefix={prefix} readOnly={readOnly} />
        )}
        {state.details ? (
          <Suspense fallback={null}>
            <MetadataPanel
              metadata={state.details}
              onClose={() => browser.dispatch({ type: "detailsClosed" })}
              onSaveTags={readOnly ? null : browser.saveTags}
            />
          </Suspense>
        ) : null}
      </div>
      {dialogsOpened ? (
        <Suspense fallback={null}>
          <BrowserDialogs browser={browser} folder={folder} actions={actions} />
        </Suspense>
      ) : null}
    </div>
  );
}

function FolderPage({ browser, prefix, readOnly }: { browser: ObjectBrowserModel; prefix: string; readOnly: boolean }) {
  const { pages, selection, state } = browser;
  return (
    <div className="flex min-w-0 flex-col gap-3">
      {pages.error && !pages.page ? (
        <Alert tone="error">{`The folder could not be listed: ${pages.error.message}`}</Alert>
      ) : null}
      {!pages.page && !pages.error ? <p className="text-sm text-muted">Listing…</p> : null}
      {pages.page ? (
        <ObjectTable
          prefix={prefix}
          folders={pages.page.folders}
          objects={pages.page.objects}
          selected={selection.selected}
          inspectedKey={state.details?.key ?? null}
          callbacks={browser.rows}
          readOnly={readOnly}
        />
      ) : null}
      <PageNav
        pageIndex={pages.pageIndex}
        firstEntry={pages.firstEntry}
        lastEntry={pages.lastEntry}
        hasNext={pages.hasNext}
        loading={pages.isFetchingNextPage}
        onPrevious={pages.previous}
        onNext={pages.next}
      />
    </div>
  );
}
