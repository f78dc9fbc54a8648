"use client";

import Link, { useLinkStatus } from "next/link";
import { usePathname } from "next/navigation";

export interface NavItem {
  href: string;
  label: string;
}

/** A section stays current on its sub-pages (/buckets/…); "/" only on itself. */
function isCurrent(href: string, pathname: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

export function MainNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    // On a phone the sections are one row that scrolls sideways, under the header's controls.
    <nav
      aria-label="Main"
      className="order-last -mx-1 w-full overflow-x-auto sm:order-none sm:mx-0 sm:w-auto sm:flex-1"
    >
      <ul className="flex gap-x-4 gap-y-1 text-sm whitespace-nowrap sm:flex-wrap">
        {items.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              // Every section is dynamic (per user and cluster) with no loading boundary: a prefetch
              // would bring next to nothing and cost the server a request per link on every page load.
              prefetch={false}
              aria-current={isCurrent(item.href, pathname) ? "page" : undefined}
              className="rounded px-1 py-0.5 text-muted hover:text-foreground aria-[current=page]:font-semibold aria-[current=page]:text-foreground"
            >
              {item.label}
              <PendingMark />
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * While the section a link leads to is loading, its link says so: the page on screen is
 * still the previous one. (A loading.tsx would stream the page instead, and a page that
 * then finds nothing could no longer answer 404.)
 */
function PendingMark() {
  const { pending } = useLinkStatus();
  if (!pending) return null;
  return (
    <span
      className="ml-1 inline-block size-2 animate-pulse rounded-full bg-accent align-middle"
      data-testid="nav-pending"
    >
      <span className="sr-only">(loading)</span>
    </span>
  );
}
