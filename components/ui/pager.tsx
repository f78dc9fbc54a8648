import { Button } from "./button";

/** Previous / next over pages of `pageSize`; renders nothing when everything fits. */
export function Pager({
  label,
  page,
  pageSize,
  total,
  onPage,
}: {
  label: string;
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const first = page * pageSize + 1;
  const last = Math.min(total, (page + 1) * pageSize);
  return (
    <nav aria-label={label} className="flex items-center gap-2 text-sm">
      <Button type="button" variant="ghost" onClick={() => onPage(page - 1)} disabled={page === 0}>
        Previous
      </Button>
      <span className="text-muted tabular-nums">
        {first}–{last} of {total}
      </span>
      <Button type="button" variant="ghost" onClick={() => onPage(page + 1)} disabled={page >= pages - 1}>
        Next
      </Button>
    </nav>
  );
}

/** The page to show after the list shrank (e.g. a filter). */
export function clampPage(page: number, pageSize: number, total: number): number {
  return Math.min(page, Math.max(0, Math.ceil(total / pageSize) - 1));
}
