import Link from "next/link";
import type { Crumb } from "@/lib/s3/paths";

/** The path to the current folder; every crumb but the last is a link. */
export function Breadcrumbs({ crumbs, hrefFor }: { crumbs: Crumb[]; hrefFor: (prefix: string) => string }) {
  return (
    <nav aria-label="Folder path" className="min-w-0">
      <ol className="flex flex-wrap items-center gap-1 text-sm">
        {crumbs.map((crumb, index) => {
          const last = index === crumbs.length - 1;
          return (
            <li key={crumb.prefix} className="flex min-w-0 items-center gap-1">
              {index > 0 ? (
                <span aria-hidden="true" className="text-muted">
                  /
                </span>
              ) : null}
              {last ? (
                <span aria-current="page" className="truncate font-semibold">
                  {crumb.label}
                </span>
              ) : (
                <Link href={hrefFor(crumb.prefix)} className="truncate text-accent underline">
                  {crumb.label}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
