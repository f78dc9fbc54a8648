"use client";

import { Alert } from "@/components/ui/alert";
import { PageNav } from "./page-nav";
import type { BrowsedFolder } from "./use-object-browser";
import type { ObjectBrowserModel } from "./use-object-browser";
import { useVersionPages } from "./use-version-pages";
import { VersionTable } from "./version-table";

/** Every version and delete marker of one folder, a page at a time: the object browser loads it when asked for. */
export function VersionsPage({
  browser,
  folder,
  readOnly,
}: {
  browser: ObjectBrowserModel;
  folder: BrowsedFolder;
  readOnly: boolean;
}) {
  const { connectionId, bucket, prefix } = folder;
  const pages = useVersionPages(connectionId, bucket.id, prefix);
  return (
    <div className="flex min-w-0 flex-col gap-3">
      {pages.error && !pages.page ? (
        <Alert tone="error">{`The versions could not be listed: ${pages.error.message}`}</Alert>
      ) : null}
      {!pages.page && !pages.error ? <p className="text-sm text-muted">Listing versions…</p> : null}
      {pages.page ? (
        <VersionTable
          prefix={prefix}
          folders={pages.page.folders}
          versions={pages.page.versions}
          callbacks={browser.versionRows}
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
        onNext={async () => void (await pages.next())}
      />
    </div>
  );
}
