import { Folder, RotateCcw, Trash2 } from "lucide-react";
import Link from "next/link";
import { formatBytes } from "@/lib/format/bytes";
import { formatDate } from "@/lib/format/dates";
import { displayName } from "@/lib/s3/paths";
import type { ObjectVersionEntry } from "@/lib/s3/types";

export interface VersionRowCallbacks {
  folderHref: (prefix: string) => string;
  onRestore: (entry: ObjectVersionEntry) => void;
  onDeleteVersion: (entry: ObjectVersionEntry) => void;
}

/** S3's version ids are long: the first characters tell them apart on screen; the whole id is in the title. */
function shortId(versionId: string): string {
  return versionId.length > 12 ? `${versionId.slice(0, 12)}…` : versionId;
}

/** One page of a folder's versions: sub-folders, then each key's versions and delete markers, newest first. */
export function VersionTable({
  prefix,
  folders,
  versions,
  callbacks,
  readOnly = false,
}: {
  prefix: string;
  folders: string[];
  versions: ObjectVersionEntry[];
  callbacks: VersionRowCallbacks;
  /** A viewer: versions listed, none restored or deleted. */
  readOnly?: boolean;
}) {
  if (folders.length === 0 && versions.length === 0)
    return <p className="rounded-md border border-border p-6 text-center text-sm text-muted">This folder is empty.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface">
      <table className="w-full text-sm">
        <caption className="sr-only">Folders and object versions in {prefix || "the bucket's root"}</caption>
        <thead className="border-b border-border text-left text-xs text-muted">
          <tr>
            <th scope="col" className="px-3 py-2">
              Name
            </th>
            <th scope="col" className="px-2 py-2">
              Version
            </th>
            <th scope="col" className="hidden px-2 py-2 text-right sm:table-cell">
              Size
            </th>
            <th scope="col" className="hidden px-2 py-2 md:table-cell">
              Last modified
            </th>
            <th scope="col" className="px-2 py-2 text-right">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {folders.map((folder) => (
            <tr key={folder} className="border-b border-border last:border-b-0">
              <td className="px-3 py-1.5" colSpan={5}>
                <Link
                  href={callbacks.folderHref(folder)}
                  className="inline-flex items-center gap-1.5 font-medium text-accent hover:underline"
                >
                  <Folder aria-hidden="true" size={15} />
                  {displayName(folder, prefix)}
                </Link>
              </td>
            </tr>
          ))}
          {versions.map((entry) => (
            <VersionRow
              key={`${entry.key}\u0000${entry.versionId}`}
              entry={entry}
              prefix={prefix}
              callbacks={callbacks}
              readOnly={readOnly}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function VersionRow({
  entry,
  prefix,
  callbacks,
  readOnly,
}: {
  entry: ObjectVersionEntry;
  prefix: string;
  callbacks: VersionRowCallbacks;
  readOnly: boolean;
}) {
  const name = displayName(entry.key, prefix);
  const label = `${name}, version ${shortId(entry.versionId)}`;
  return (
    <tr data-testid="version-row" className="border-b border-border last:border-b-0">
      <td className="max-w-[12rem] truncate px-3 py-1.5 font-mono sm:max-w-md" title={entry.key}>
        {name}
      </td>
      <td className="px-2 py-1.5 whitespace-nowrap">
        <span className="font-mono text-xs" title={entry.versionId}>
          {shortId(entry.versionId)}
        </span>
        {entry.isLatest ? <span className="ml-2 text-xs font-semibold text-ok">current</span> : null}
        {entry.deleteMarker ? <span className="ml-2 text-xs font-semibold text-warn">delete marker</span> : null}
      </td>
      <td className="hidden px-2 py-1.5 text-right tabular-nums sm:table-cell">
        {entry.deleteMarker ? "—" : formatBytes(entry.sizeBytes)}
      </td>
      <td className="hidden px-2 py-1.5 text-muted md:table-cell">{formatDate(entry.lastModified)}</td>
      <td className="px-2 py-1.5 text-right whitespace-nowrap">
        {readOnly ? null : !entry.isLatest && !entry.deleteMarker ? (
          <button
            type="button"
            onClick={() => callbacks.onRestore(entry)}
            aria-label={`Restore ${label}`}
            title="Make this version current again"
            className="rounded p-1.5 text-muted hover:bg-background hover:text-foreground focus-visible:outline-2 focus-visible:outline-accent"
          >
            <RotateCcw aria-hidden="true" size={15} />
          </button>
        ) : null}
        {readOnly ? null : (
          <button
            type="button"
            onClick={() => callbacks.onDeleteVersion(entry)}
            aria-label={`Delete ${label}`}
            title={entry.deleteMarker ? "Remove this delete marker" : "Delete this version for good"}
            className="rounded p-1.5 text-muted hover:bg-background hover:text-foreground focus-visible:outline-2 focus-visible:outline-accent"
          >
            <Trash2 aria-hidden="true" size={15} />
          </button>
        )}
      </td>
    </tr>
  );
}
