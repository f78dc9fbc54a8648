import type { ReactNode } from "react";

/** A titled part of the bucket page, linkable by its id. */
export function Section({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="rounded-lg border border-border bg-surface p-5">
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </h2>
      {description ? <p className="mb-3 text-sm text-muted">{description}</p> : <div className="mb-3" />}
      {children}
    </section>
  );
}
