import { formatBytes, formatCount } from "@/lib/format/bytes";
import { formatDate } from "@/lib/format/dates";
import type { ActionResult } from "@/lib/action-result";
import type { ObjectMetadata, ObjectTag } from "@/lib/s3/types";
import { TagEditor } from "./tag-editor";

/** HeadObject's answer for one object: what a person wants to know about it, and its tags to edit. */
export function MetadataPanel({
  metadata,
  onClose,
  onSaveTags,
}: {
  metadata: ObjectMetadata;
  onClose: () => void;
  /** null: tags are shown, not edited (a viewer). */
  onSaveTags: ((key: string, tags: ObjectTag[]) => Promise<ActionResult<ObjectTag[]>>) | null;
}) {
  const userEntries = Object.entries(metadata.userMetadata);
  const rows: [string, string][] = [
    ["Size", `${formatBytes(metadata.sizeBytes)} (${formatCount(metadata.sizeBytes)} bytes)`],
    ["Content type", metadata.contentType ?? "—"],
    ["ETag", metadata.etag ?? "—"],
    ["Last modified", formatDate(metadata.lastModified)],
    ...(metadata.versionId ? [["Version", metadata.versionId] as [string, string]] : []),
    ...(metadata.cacheControl ? [["Cache-Control", metadata.cacheControl] as [string, string]] : []),
    ...(metadata.contentEncoding ? [["Content-Encoding", metadata.contentEncoding] as [string, string]] : []),
  ];
  return (
    <section
      aria-labelledby="object-details-title"
      className="flex flex-col gap-3 rounded-lg border border-border bg-surface p-4"
      data-testid="object-details"
    >
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 id="object-details-title" className="text-sm font-semibold">
            Object details
          </h2>
          <p className="font-mono text-xs break-all text-muted">{metadata.key}</p>
        </div>
        <button
          type="button"
          onClick={onClose}
          className="rounded border border-border px-2 py-0.5 text-xs hover:bg-background focus-visible:outline-2 focus-visible:outline-accent"
        >
          Close details
        </button>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-muted">{label}</dt>
            <dd className="font-mono text-xs leading-5 break-all">{value}</dd>
          </div>
        ))}
      </dl>
      <div>
        <h3 className="mb-1 text-xs font-semibold tracking-wide text-muted uppercase">User metadata</h3>
        {userEntries.length === 0 ? (
          <p className="text-xs text-muted">None.</p>
        ) : (
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
            {userEntries.map(([name, value]) => (
              <div key={name} className="contents">
                <dt className="font-mono text-muted">x-amz-meta-{name}</dt>
                <dd className="font-mono break-all">{value}</dd>
              </div>
            ))}
          </dl>
        )}
      </div>
      <div>
        <h3 className="mb-1 text-xs font-semibold tracking-wide text-muted uppercase">Tags</h3>
        {onSaveTags ? (
          <TagEditor
            key={`${metadata.key}\u0000${metadata.versionId ?? ""}`}
            tags={metadata.tags}
            onSave={(tags) => onSaveTags(metadata.key, tags)}
          />
        ) : (
          <p className="font-mono text-xs break-all">
            {metadata.tags?.map((tag) => `${tag.key}=${tag.value}`).join(", ") || "none"}
          </p>
        )}
      </div>
    </section>
  );
}
