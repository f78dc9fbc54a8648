import Link from "next/link";
import type { ReactNode } from "react";

/**
 * What a section shows while its page loads, when it failed, or when nothing is there:
 * the console's own look, so a slow or failed request never leaves the previous page on
 * screen as if nothing happened.
 */
export function PageLoading() {
  return (
    <div role="status" aria-live="polite" className="flex flex-col gap-4" data-testid="page-loading">
      <p className="text-sm text-muted">Loading…</p>
      <div aria-hidden="true" className="h-8 w-1/3 animate-pulse rounded-md bg-border" />
      <div aria-hidden="true" className="h-40 w-full animate-pulse rounded-lg bg-border" />
    </div>
  );
}

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
