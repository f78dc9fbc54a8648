import type { ReactNode } from "react";

export function Card({
  title,
  children,
  headingLevel = 2,
}: {
  title: string;
  children: ReactNode;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const headingId = `card-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-border bg-surface p-5 shadow-sm">
      <Heading id={headingId} className="mb-4 text-sm font-semibold tracking-wide text-muted uppercase">
        {title}
      </Heading>
      {children}
    </section>
  );
}
