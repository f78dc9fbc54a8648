import type { Metadata } from "next";
import { SkipLink, mainContentId } from "@/components/shell/skip-link";
import { PageNotFound } from "@/components/shell/page-states";

export const metadata: Metadata = { title: "Not found" };

/** An address no route answers, in the console's look (outside the console's own frame). */
export default function NotFound() {
  return (
    <>
      <SkipLink />
      <main id={mainContentId} tabIndex={-1} className="px-4 py-16 focus:outline-none">
        <PageNotFound />
      </main>
    </>
  );
}
