import type { CorsRule } from "../engine/metadata/bucket-rules";

/**
 * A bucket's CORS rules as S3 applies them: the first rule whose origin (one `*`
 * wildcard allowed), method and every requested header match decides; its
 * answer names the origin, the methods, the headers and how long to cache it.
 */

/** One `*` in a rule matches any run of characters (AllowedOrigin, AllowedHeader). */
function matchesPattern(pattern: string, value: string, ignoreCase: boolean): boolean {
  const [p, v] = ignoreCase ? [pattern.toLowerCase(), value.toLowerCase()] : [pattern, value];
  const star = p.indexOf("*");
  if (star < 0) return p === v;
  const head = p.slice(0, star);
  const tail = p.slice(star + 1);
  return v.length >= head.length + tail.length && v.startsWith(head) && v.endsWith(tail);
}

export interface CorsAsk {
  origin: string;
  /** The method of the request, or the one a preflight announces (Access-Control-Request-Method). */
  method: string;
  /** Headers a preflight announces (Access-Control-Request-Headers), lower-cased. */
  headers: readonly string[];
}

export function matchingCorsRule(rules: readonly CorsRule[] | null, ask: CorsAsk): CorsRule | null {
  return (
    (rules ?? []).find(
      (rule) =>
        rule.AllowedOrigin.some((pattern) => matchesPattern(pattern, ask.origin, false)) &&
        rule.AllowedMethod.includes(ask.method) &&
        ask.headers.every((name) => rule.AllowedHeader.some((pattern) => matchesPattern(pattern, name, true))),
    ) ?? null
  );
}

/** The answer's CORS headers for a request (or preflight) a rule allows. */
export function corsAnswerHeaders(rule: CorsRule, ask: CorsAsk, preflight: boolean): Record<string, string> {
  const anyOrigin = rule.AllowedOrigin.includes("*");
  const headers: Record<string, string> = {
    "access-control-allow-origin": anyOrigin ? "*" : ask.origin,
    "access-control-allow-methods": rule.AllowedMethod.join(", "),
    vary: "Origin, Access-Control-Request-Headers, Access-Control-Request-Method",
  };
  // A named origin may send credentials; a wildcard one may not (browsers refuse both at once).
  if (!anyOrigin) headers["access-control-allow-credentials"] = "true";
  if (rule.ExposeHeader.length > 0) headers["access-control-expose-headers"] = rule.ExposeHeader.join(", ");
  if (rule.MaxAgeSeconds !== null) headers["access-control-max-age"] = String(rule.MaxAgeSeconds);
  if (preflight && ask.headers.length > 0) headers["access-control-allow-headers"] = ask.headers.join(", ");
  return headers;
}

export const corsMethods = ["GET", "PUT", "POST", "DELETE", "HEAD"] as const;

/** Why a rule cannot be stored (S3's checks), or null. */
export function corsRuleProblem(rule: CorsRule): string | null {
  if (rule.AllowedOrigin.length === 0) return "Every CORSRule needs an AllowedOrigin.";
  if (rule.AllowedMethod.length === 0) return "Every CORSRule needs an AllowedMethod.";
  const method = rule.AllowedMethod.find((name) => !(corsMethods as readonly string[]).includes(name));
  if (method !== undefined) return `Found unsupported HTTP method in CORS config. Unsupported method is ${method}`;
  const origin = rule.AllowedOrigin.find((pattern) => pattern.split("*").length > 2);
  if (origin !== undefined) return `AllowedOrigin "${origin}" can not have more than one wildcard.`;
  const header = rule.AllowedHeader.find((pattern) => pattern.split("*").length > 2);
  if (header !== undefined) return `AllowedHeader "${header}" can not have more than one wildcard.`;
  return null;
}
