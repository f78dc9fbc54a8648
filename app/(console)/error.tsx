"use client";

import { PageProblem } from "@/components/shell/page-states";
import { Button } from "@/components/ui/button";

/**
 * A section whose page failed: says so and offers to try again. In production Next.js
 * hides a server error's text from the browser; its digest ties it to the server's log.
 */
export default function SectionError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <PageProblem title="This page could not be shown">
      <p className="text-sm">
        A request failed while reading it: the cluster may be unreachable or slow. Nothing was changed.
      </p>
      {error.digest ? <p className="text-xs text-muted">Reference for the server log: {error.digest}</p> : null}
      <div>
        <Button type="button" onClick={reset}>
          Try again
        </Button>
      </div>
    </PageProblem>
  );
}
