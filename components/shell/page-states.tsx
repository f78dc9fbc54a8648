import type { ElementType, ReactNode } from "react";

/**
 * What a section shows when its page failed or when nothing is there, in the console's
 * own look, so a failed request never leaves the previous page on screen as if nothing
 * happened.
 */
export function PageProblem({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="mx-auto flex max-w-xl flex-col gap-3 rounded-lg border border-border bg-surface p-6 shadow-sm">
      <h1 className="text-xl font-semibold">{title}</h1>
      {children}
    </section>
  );
}

/**
 * `link`: what "Back to the Overview" is. The console's frame passes next/link (its code is in
 * the frame already); the root not-found keeps the plain <a>: its boundary comes with every
 * page, and next/link there put a second copy of its code (~3 KiB gzipped) in every first load.
 */
export function PageNotFound({
  link: HomeLink = "a",
}: {
  link?: ElementType<{ href: string; className: string; children: ReactNode }>;
}) {
  return (
    <PageProblem title="Nothing here">
      <p className="text-sm">
        This page does not exist, or what it showed was deleted or belongs to another cluster or tenant.
      </p>
      <p className="text-sm">
        <HomeLink href="/" className="text-accent underline">
          Back to the Overview
        </HomeLink>
      </p>
    </PageProblem>
  );
}
