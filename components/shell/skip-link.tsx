/** The id of each page's <main>, where "Skip to content" lands. */
export const mainContentId = "main-content";

/** The first thing Tab reaches: jumps past the header to the page's content; hidden until focused. */
export function SkipLink() {
  return (
    <a
      href={`#${mainContentId}`}
      className="sr-only rounded-md bg-accent px-3 py-2 text-sm font-medium text-accent-foreground focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50"
    >
      Skip to content
    </a>
  );
}
