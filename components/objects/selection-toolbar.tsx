import { Button } from "@/components/ui/button";
import { formatCount } from "@/lib/format/bytes";
import type { ObjectBrowserModel } from "./use-object-browser";

/** What can be done to the ticked objects, this folder, and the listing (read only: refresh the listing). */
export function SelectionToolbar({
  browser,
  prefix,
  readOnly = false,
}: {
  browser: ObjectBrowserModel;
  prefix: string;
  readOnly?: boolean;
}) {
  const { selection, pages, dispatch } = browser;
  const none = selection.selected.size === 0;
  const refresh = (
    <Button type="button" variant="ghost" onClick={browser.refresh} disabled={pages.isFetching}>
      {pages.isFetching ? "Refreshing…" : "Refresh"}
    </Button>
  );
  if (readOnly)
    return (
      <div role="toolbar" aria-label="Listing" className="flex flex-wrap items-center gap-2 text-sm">
        {refresh}
      </div>
    );
  return (
    <div role="toolbar" aria-label="Selected objects" className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-muted" aria-live="polite">
        {formatCount(selection.selected.size)} selected
      </span>
      <Button
        type="button"
        variant="ghost"
        disabled={none}
        onClick={() => dispatch({ type: "opened", dialog: { kind: "deleteSelected" } })}
      >
        Delete selected
      </Button>
      <Button
        type="button"
        variant="ghost"
        disabled={none}
        onClick={() => dispatch({ type: "opened", dialog: { kind: "copy", keys: selection.keys } })}
      >
        Copy or move…
      </Button>
      {prefix ? (
        <Button
          type="button"
          variant="ghost"
          onClick={() => dispatch({ type: "opened", dialog: { kind: "deletePrefix", prefix } })}
        >
          Delete this folder…
        </Button>
      ) : null}
      {refresh}
    </div>
  );
}
