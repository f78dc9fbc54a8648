import type { CorsRule, LifecycleFilterTerms, LifecycleRule } from "./buckets";

/**
 * CORS and lifecycle rules in the console, to and from the editors' rows (reading them
 * from the API is ./buckets-rules-api, on the server: zod stays out of the browser). A row keeps the rule it
 * was made from, so a save changes only what was edited: what the editors do not
 * show (lifecycle size filters, `And`, `Expiration.Date`) and every untouched field
 * are sent back exactly as they were read. Both sides, pure.
 */

/** Comma- or line-separated lists as typed in the editor. */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

const wholeNumber = (value: string): number | null => (value.trim() === "" ? null : Number(value));

/** Whether a row's field still shows what its source rule had (so the source's value is kept as it was). */
function untouched<Row extends { source: unknown }>(row: Row, shown: Row | null, field: keyof Row): boolean {
  return shown !== null && row[field] === shown[field];
}

export interface CorsRow {
  source: CorsRule | null;
  id: string;
  origins: string;
  methods: string;
  headers: string;
  expose: string;
  maxAge: string;
}

export function corsRow(rule: CorsRule): CorsRow {
  return {
    source: rule,
    id: rule.ID ?? "",
    origins: rule.AllowedOrigin.join(", "),
    methods: rule.AllowedMethod.join(", "),
    headers: rule.AllowedHeader.join(", "),
    expose: rule.ExposeHeader.join(", "),
    maxAge: rule.MaxAgeSeconds?.toString() ?? "",
  };
}

export function corsRule(row: CorsRow): CorsRule {
  const source = row.source;
  const shown = source ? corsRow(source) : null;
  const keep = (field: keyof CorsRow) => untouched(row, shown, field);
  return {
    ID: source && keep("id") ? source.ID : row.id.trim() || null,
    AllowedOrigin: source && keep("origins") ? source.AllowedOrigin : splitList(row.origins),
    AllowedMethod:
      source && keep("methods") ? source.AllowedMethod : splitList(row.methods).map((method) => method.toUpperCase()),
    AllowedHeader: source && keep("headers") ? source.AllowedHeader : splitList(row.headers),
    ExposeHeader: source && keep("expose") ? source.ExposeHeader : splitList(row.expose),
    MaxAgeSeconds: source && keep("maxAge") ? source.MaxAgeSeconds : wholeNumber(row.maxAge),
  };
}

export interface LifecycleRow {
  source: LifecycleRule | null;
  id: string;
  enabled: boolean;
  prefix: string;
  expireDays: string;
  abortDays: string;
}

/** The prefix the editor shows: the filter's own, or the one inside `And`. */
function prefixOf(filter: LifecycleRule["Filter"]): string {
  return (filter?.And ? filter.And.Prefix : filter?.Prefix) ?? "";
}

export function lifecycleRow(rule: LifecycleRule): LifecycleRow {
  return {
    source: rule,
    id: rule.ID ?? "",
    enabled: rule.Status === "Enabled",
    prefix: prefixOf(rule.Filter),
    expireDays: rule.Expiration?.Days?.toString() ?? "",
    abortDays: rule.AbortIncompleteMultipartUpload?.DaysAfterInitiation.toString() ?? "",
  };
}

const noTerms: LifecycleFilterTerms = { Prefix: null, ObjectSizeGreaterThan: null, ObjectSizeLessThan: null };

/** A new prefix in the filter, where the filter keeps it; the other terms stay. */
function withPrefix(filter: LifecycleRule["Filter"], prefix: string): LifecycleRule["Filter"] {
  const Prefix = prefix === "" ? null : prefix;
  if (filter?.And) return { ...filter, And: { ...filter.And, Prefix } };
  const next = { ...noTerms, And: null, ...filter, Prefix };
  const empty = next.Prefix === null && next.ObjectSizeGreaterThan === null && next.ObjectSizeLessThan === null;
  return empty ? null : next;
}

/** New expiry days; an expiry date stays. */
function withDays(expiration: LifecycleRule["Expiration"], Days: number | null): LifecycleRule["Expiration"] {
  const next = { Date: null, ...expiration, Days };
  return next.Days === null && next.Date === null ? null : next;
}

export function lifecycleRule(row: LifecycleRow): LifecycleRule {
  const source = row.source;
  const shown = source ? lifecycleRow(source) : null;
  const keep = (field: keyof LifecycleRow) => untouched(row, shown, field);
  const abortDays = wholeNumber(row.abortDays);
  return {
    // What the editor does not show at all (older versions' expiry) goes back as it came.
    ...(source?.NoncurrentVersionExpiration !== undefined
      ? { NoncurrentVersionExpiration: source.NoncurrentVersionExpiration }
      : {}),
    ID: source && keep("id") ? source.ID : row.id.trim() || null,
    Status: row.enabled ? "Enabled" : "Disabled",
    Filter: source && keep("prefix") ? source.Filter : withPrefix(source?.Filter ?? null, row.prefix),
    Expiration:
      source && keep("expireDays")
        ? source.Expiration
        : withDays(source?.Expiration ?? null, wholeNumber(row.expireDays)),
    AbortIncompleteMultipartUpload:
      source && keep("abortDays")
        ? source.AbortIncompleteMultipartUpload
        : abortDays === null
          ? null
          : { DaysAfterInitiation: abortDays },
  };
}
