/**
 * The console's mark, app/icon.svg's drawing inline: next/image would put its client code
 * (about 5 KiB gzipped) on every console page for one 22-pixel picture. Decorative here.
 */
export function LogoMark({ sizePx }: { sizePx: number }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 32 32" width={sizePx} height={sizePx}>
      <rect width="32" height="32" rx="7" fill="#0f766e" />
      <path
        d="M4.5 14.5 16 6.5l11.5 8"
        fill="none"
        stroke="#fff"
        strokeWidth="3"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
      <path d="M8 14v12.5M24 14v12.5" stroke="#fff" strokeWidth="2.2" strokeLinecap="round" />
      <rect x="11" y="16.5" width="10" height="4" rx="1.3" fill="#fff" />
      <rect x="11" y="22" width="10" height="4" rx="1.3" fill="#fff" />
    </svg>
  );
}
