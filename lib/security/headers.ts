/**
 * The console's security headers, in one place. Pages get a Content-Security-Policy
 * with a fresh nonce per request (set by proxy.ts; Next puts the nonce on its own
 * scripts, the root layout on the theme script); API responses, which carry JSON
 * and never script, get one that allows nothing. Every response refuses framing
 * and sends no referrer (console URLs name buckets and keys).
 *
 * connect-src and img-src allow any http(s) origin: the browser uploads to and
 * previews from the S3 endpoint of whichever cluster is chosen, which only the
 * server-side connection store knows. Scripts, frames, plugins, forms and <base>
 * stay pinned to this origin.
 */

export function pageContentSecurityPolicy(nonce: string, isDevelopment: boolean): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts Next loads from a nonced script are trusted; nothing else runs.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDevelopment ? " 'unsafe-eval'" : ""}`,
    // React and the charts set style attributes, which a nonce cannot cover.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: http: https:",
    "font-src 'self' data:",
    "connect-src 'self' http: https:",
    "media-src 'self' blob: http: https:",
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

/** On every response, whatever its type. */
export const commonSecurityHeaders: ReadonlyArray<{ key: string; value: string }> = [
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  // For browsers that predate frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

/** A fresh nonce: 16 random bytes, base64 (Web Crypto, so it runs wherever the proxy does). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
