/**
 * app/icon.svg's drawing as a data URL, the console pages' favicon. Chromium asks for a page's
 * icon only after its load event: with a URL of its own that is one more request, in a fresh
 * browser the last of the page's load. The sign-in page keeps app/icon.svg's own URL (Next's
 * icon convention), which also serves it to anyone; icon-data-url.test.ts keeps the two drawings equal.
 */
export const iconSvg =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="32" height="32">' +
  '<rect width="32" height="32" rx="7" fill="#0f766e"/>' +
  '<path d="M4.5 14.5 16 6.5l11.5 8" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/>' +
  '<path d="M8 14v12.5M24 14v12.5" stroke="#fff" stroke-width="2.2" stroke-linecap="round"/>' +
  '<rect x="11" y="16.5" width="10" height="4" rx="1.3" fill="#fff"/>' +
  '<rect x="11" y="22" width="10" height="4" rx="1.3" fill="#fff"/>' +
  "</svg>";

export const iconDataUrl = `data:image/svg+xml,${encodeURIComponent(iconSvg)}`;
