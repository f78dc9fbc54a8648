import { formatCount } from "@/lib/format/bytes";
import { Button } from "@/components/ui/button";

/**
 * Previous / next over a listing whose total S3 does not tell: the page number, the
 * entries shown, and whether another page exists.
 */
export function PageNav({
  pageIndex,
  firstEntry,
  lastEntry,
  hasNext,
  loading,
  onPrevious,
  onNext,
}: {
  pageIndex: number;
  firstEntry: number;
  lastEntry: number;
  hasNext: boolean;
  loading: boolean;
  onPrevious: () => void;
  onNext: () => void;
}) {
  if (pageIndex === 0 && !hasNext) return null;
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center gap-2 text-sm">
      <Button type="button" variant="ghost" onClick={onPrevious} disabled={pageIndex === 0}>
        Previous page
      </Button>
      <span className="text-muted tabular-nums" data-testid="page-range">
        Page {pageIndex + 1} · entries {formatCount(firstEntry)}–{formatCount(lastEntry)}
      </span>
      <Button type="button" variant="ghost" onClick={onNext} disabled={!hasNext || loading}>
        {loading ? "Loading…" : "Next page"}
      </Button>
    </nav>
  );
}
