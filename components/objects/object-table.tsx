import { Download, Eye, Folder, Link2, Trash2 } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { formatBytes } from "@/lib/format/bytes";
import { formatDate } from "@/lib/format/dates";
import { displayName } from "@/lib/s3/paths";
import type { ObjectEntry } from "@/lib/s3/types";

export interface ObjectRowCallbacks {
  folderHref: (prefix: string) => string;
  onInspect: (key: string) => void;
  onDownload: (key: string) => void;
  onPreview: (key: string) => void;
  onShare: (key: string) => void;
  onDeleteFolder: (prefix: string) => void;
  onToggle: (key: string, selected: boolean) => void;
  onToggleAll: (selected: boolean) => void;
}

function IconButton({ label, onClick, children }: { label: string; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-label={label}
      title={label}
      className="rounded p-1.5 text-muted hover:bg-background hover:text-foreground focus-visible:outline-2 focus-visible:outline-accent"
    >
      {children}
    </button>
  );
}

/**
 * One page of a folder: sub-folders first, then objects with a checkbox and their actions.
 * Read only (a viewer): no selection, no sharing, no deleting; reading and downloading stay.
 */
export function ObjectTable({
  prefix,
  folders,
  objects,
  selected,
  inspectedKey,
  callbacks,
  readOnly = false,
}: {
  prefix: string;
  folders: string[];
  objects: ObjectEntry[];
  selected: ReadonlySet<string>;
  inspectedKey: string | null;
  callbacks: ObjectRowCallbacks;
  readOnly?: boolean;
}) {
  if (folders.length === 0 && objects.length === 0)
    return <p className="rounded-md border border-border p-6 text-center text-sm text-muted">This folder is empty.</p>;
  const allSelected = objects.length > 0 && objects.every((item) => selected.has(item.key));
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface">
      <table className="w-full text-sm">
        <caption className="sr-only">Folders and objects in {prefix || "the bucket's root"}</caption>
        <thead className="border-b border-border text-left text-xs text-muted">
          <tr>
            <th scope="col" className="w-8 px-3 py-2">
              {readOnly ? null : (
                <input
                  type="checkbox"
                  aria-label="Select every object on this page"
                  checked={allSelected}
                  disabled={objects.length === 0}
                  onChange={(event) => callbacks.onToggleAll(event.target.checked)}
                  className="size-4 accent-accent"
                />
              )}
            </th>
            <th scope="col" className="px-2 py-2">
              Name
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
          {folders.map((folder) => {
            const name = displayName(folder, prefix);
            return (
              <tr key={folder} className="border-b border-border last:border-b-0">
                <td className="px-3 py-1.5" />
                <td className="px-2 py-1.5">
                  <Link
                    href={callbacks.folderHref(folder)}
                    className="inline-flex items-center gap-1.5 font-medium text-accent hover:underline"
                  >
                    <Folder aria-hidden="true" size={15} />
                    {name}
                  </Link>
                </td>
                <td className="hidden px-2 py-1.5 text-right text-muted sm:table-cell">—</td>
                <td className="hidden px-2 py-1.5 text-muted md:table-cell">—</td>
                <td className="px-2 py-1.5 text-right">
                  {readOnly ? null : (
                    <IconButton label={`Delete folder ${name}`} onClick={() => callbacks.onDeleteFolder(folder)}>
                      <Trash2 aria-hidden="true" size={15} />
                    </IconButton>
                  )}
                </td>
              </tr>
            );
          })}
          {objects.map((item) => {
            const name = displayName(item.key, prefix);
            return (
              <tr
                key={item.key}
                data-testid="object-row"
                data-inspected={item.key === inspectedKey ? "" : undefined}
                className="border-b border-border last:border-b-0 data-inspected:bg-background"
              >
                <td className="px-3 py-1.5">
                  {readOnly ? null : (
                    <input
                      type="checkbox"
                      aria-label={`Select ${name}`}
                      checked={selected.has(item.key)}
                      onChange={(event) => callbacks.onToggle(item.key, event.target.checked)}
                      className="size-4 accent-accent"
                    />
                  )}
                </td>
                <td className="max-w-[12rem] px-2 py-1.5 sm:max-w-md">
                  <button
                    type="button"
                    onClick={() => callbacks.onInspect(item.key)}
                    className="max-w-full truncate text-left font-mono hover:underline focus-visible:outline-2 focus-visible:outline-accent"
                    title={`Details of ${item.key}`}
                  >
                    {name}
                  </button>
                </td>
                <td className="hidden px-2 py-1.5 text-right tabular-nums sm:table-cell">
                  {formatBytes(item.sizeBytes)}
                </td>
                <td className="hidden px-2 py-1.5 text-muted md:table-cell">{formatDate(item.lastModified)}</td>
                <td className="px-2 py-1.5 text-right whitespace-nowrap">
                  <IconButton label={`Download ${name}`} onClick={() => callbacks.onDownload(item.key)}>
                    <Download aria-hidden="true" size={15} />
                  </IconButton>
                  <IconButton label={`Preview ${name}`} onClick={() => callbacks.onPreview(item.key)}>
                    <Eye aria-hidden="true" size={15} />
                  </IconButton>
                  {readOnly ? null : (
                    <IconButton label={`Share ${name}`} onClick={() => callbacks.onShare(item.key)}>
                      <Link2 aria-hidden="true" size={15} />
                    </IconButton>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
