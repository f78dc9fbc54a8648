import "server-only";

/** The caller's address as seen by `next start` (which sets x-forwarded-for), for rate limits. */
export function clientAddressOf(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  if (forwarded) return forwarded.split(",")[0].trim();
  return headers.get("x-real-ip") ?? "unknown";
}
