import type { BucketRecord } from "../../engine/metadata/records";
import type { RoutingRule } from "../../engine/metadata/bucket-rules";

/**
 * A website's redirects, as Garage 2.3 applies S3's website configuration:
 * RedirectAllRequestsTo sends every request elsewhere; routing rules match a key
 * prefix before the object is read, or an error code after it failed, and answer
 * with a redirect (3xx, to a host, protocol and replaced key or prefix) or, as
 * Garage allows, with another key of the bucket served in place (code 200).
 */

export type WebRoute =
  { kind: "redirect"; status: number; location: string } | { kind: "serve"; key: string; status: number };

type Website = NonNullable<BucketRecord["website"]>;

function replacedKey(rule: RoutingRule, key: string): string {
  const { ReplaceKeyWith, ReplaceKeyPrefixWith } = rule.Redirect;
  if (ReplaceKeyWith !== null && ReplaceKeyWith !== undefined) return ReplaceKeyWith;
  if (ReplaceKeyPrefixWith !== null && ReplaceKeyPrefixWith !== undefined) {
    const prefix = rule.Condition?.KeyPrefixEquals ?? "";
    return ReplaceKeyPrefixWith + key.slice(prefix.length);
  }
  return key;
}

function encodeKey(key: string): string {
  return key.split("/").map(encodeURIComponent).join("/");
}

function routeOf(rule: RoutingRule, key: string, requestHost: string): WebRoute {
  const { HostName, Protocol, HttpRedirectCode } = rule.Redirect;
  const target = replacedKey(rule, key);
  const internal = !HostName && !Protocol;
  if (internal && HttpRedirectCode === 200) return { kind: "serve", key: target, status: 200 };
  const host = HostName || requestHost;
  const protocol = Protocol || "http";
  return { kind: "redirect", status: HttpRedirectCode ?? 301, location: `${protocol}://${host}/${encodeKey(target)}` };
}

function prefixMatches(rule: RoutingRule, key: string): boolean {
  const prefix = rule.Condition?.KeyPrefixEquals;
  return prefix === null || prefix === undefined || key.startsWith(prefix);
}

/** Before reading: RedirectAllRequestsTo, then the first rule with no error-code condition whose prefix matches. */
export function routeBeforeRead(website: Website, key: string, requestHost: string, rawPath: string): WebRoute | null {
  const all = website.redirectAllRequestsTo;
  if (all) return { kind: "redirect", status: 301, location: `${all.Protocol ?? "http"}://${all.HostName}${rawPath}` };
  const rule = website.routingRules.find(
    (candidate) => (candidate.Condition?.HttpErrorCodeReturnedEquals ?? null) === null && prefixMatches(candidate, key),
  );
  return rule ? routeOf(rule, key, requestHost) : null;
}

/** After an error: the first rule for that code whose prefix (if any) matches. */
export function routeAfterError(website: Website, key: string, status: number, requestHost: string): WebRoute | null {
  const rule = website.routingRules.find(
    (candidate) => candidate.Condition?.HttpErrorCodeReturnedEquals === status && prefixMatches(candidate, key),
  );
  return rule ? routeOf(rule, key, requestHost) : null;
}
