import { formatBytes } from "@/lib/format/bytes";
import type { UploadItem } from "./upload-types";

const statusText: Record<UploadItem["status"], string> = {
  queued: "Waiting",
  uploading: "Uploading",
  completing: "Completing",
  done: "Uploaded",
  failed: "Failed",
  cancelled: "Cancelled",
};

/** One progress bar per file, with a cancel for the ones still going. */
export function UploadList({
  items,
  onCancel,
  onClear,
}: {
  items: UploadItem[];
  onCancel: (id: string) => void;
  onClear: () => void;
}) {
  if (items.length === 0) return null;
  return (
    <section aria-label="Uploads" className="flex flex-col gap-2 rounded-lg border border-border bg-surface p-3">
      <div className="flex items-center justify-between">
        <h2 className="text-sm font-semibold">Uploads</h2>
        <button
          type="button"
          onClick={onClear}
          className="rounded px-2 py-0.5 text-xs text-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-accent"
        >
          Clear finished
        </button>
      </div>
      <ul className="flex flex-col gap-2">
        {items.map((item) => {
          const percent =
            item.sizeBytes === 0
              ? item.status === "done"
                ? 100
                : 0
              : Math.floor((item.loadedBytes / item.sizeBytes) * 100);
          const active = item.status === "queued" || item.status === "uploading" || item.status === "completing";
          return (
            <li key={item.id} className="flex flex-col gap-1 text-sm" data-testid="upload-item">
              <div className="flex items-center justify-between gap-2">
                <span className="min-w-0 truncate font-mono" title={item.key}>
                  {item.name}
                </span>
                <span className="shrink-0 text-xs text-muted tabular-nums" aria-live="polite">
                  {statusText[item.status]} · {formatBytes(item.loadedBytes)} of {formatBytes(item.sizeBytes)}
                  {item.multipart ? " · in parts" : ""}
                </span>
                {active ? (
                  <button
                    type="button"
                    onClick={() => onCancel(item.id)}
                    aria-label={`Cancel upload of ${item.name}`}
                    className="rounded border border-border px-2 py-0.5 text-xs hover:bg-background focus-visible:outline-2 focus-visible:outline-accent"
                  >
                    Cancel
                  </button>
                ) : null}
              </div>
              <div
                role="progressbar"
                aria-label={`Upload of ${item.name}`}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={percent}
                className="h-1.5 w-full overflow-hidden rounded-full bg-border"
              >
                <div
                  className={`h-full ${item.status === "failed" ? "bg-bad" : item.status === "done" ? "bg-ok" : "bg-accent"}`}
                  style={{ width: `${percent}%` }}
                />
              </div>
              {item.error ? (
                <p role="alert" className="text-xs text-bad">
                  {item.error}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
