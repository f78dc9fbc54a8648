import Link from "next/link";
import type { ReactNode } from "react";

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

export function PageNotFound() {
  return (
    <PageProblem title="Nothing here">
      <p className="text-sm">
        This page does not exist, or what it showed was deleted or belongs to another cluster or tenant.
      </p>
      <p className="text-sm">
        <Link href="/" className="text-accent underline">
          Back to the Overview
        </Link>
      </p>
    </PageProblem>
  );
}
