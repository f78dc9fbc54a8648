/**
 * The caller's address, for rate limits. The console's server (scripts/console-server.ts)
 * writes `clientAddressHeader` on every request, replacing whatever the client sent: the
 * socket's address, or with CARPORT_TRUST_PROXY=true the address the proxy in front
 * reports. Pure and without `server-only`, so the server script can use it.
 */
export const clientAddressHeader = "x-carport-client-address";

/** The last X-Forwarded-For entry is the one the trusted proxy appended; earlier ones are the client's word. */
export function clientAddressFor(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustProxy: boolean,
): string {
  const forwarded = Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor;
  if (trustProxy && forwarded) {
    const last = forwarded.split(",").at(-1)?.trim();
    if (last) return last;
  }
  return socketAddress ?? "unknown";
}

export function isProxyTrusted(env: Record<string, string | undefined>): boolean {
  return env.CARPORT_TRUST_PROXY === "true";
}

export function clientAddressOf(headers: Headers): string {
  return headers.get(clientAddressHeader) ?? "unknown";
}
