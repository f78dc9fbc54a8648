import type { LifecycleRule, LifecycleTag } from "../metadata/bucket-rules";
import type { Tag } from "../metadata/records";

/**
 * Which lifecycle rule applies to what, and when, as S3 documents it: a rule's
 * filter (prefix, tags, sizes, or all of them under And) selects objects; a
 * number of days counts from the object's creation (or, for an older version,
 * from when a newer one replaced it) and falls due at the next midnight UTC.
 */

const dayMs = 24 * 60 * 60 * 1000;

/** When something created at `fromMs` is `days` old, rounded up to midnight UTC (S3's rule). */
export function dueAfterDays(fromMs: number, days: number): number {
  return Math.ceil((fromMs + days * dayMs) / dayMs) * dayMs;
}

export interface FilterTarget {
  key: string;
  /** Null for delete markers and uploads, which have no size yet. */
  sizeBytes: number | null;
  tags: readonly Tag[];
}

interface Terms {
  Prefix: string | null;
  ObjectSizeGreaterThan: number | null;
  ObjectSizeLessThan: number | null;
  tags: readonly LifecycleTag[];
}

function termsOf(rule: LifecycleRule): Terms {
  const filter = rule.Filter;
  if (filter?.And)
    return {
      Prefix: filter.And.Prefix,
      ObjectSizeGreaterThan: filter.And.ObjectSizeGreaterThan,
      ObjectSizeLessThan: filter.And.ObjectSizeLessThan,
      tags: filter.And.Tags ?? [],
    };
  return {
    Prefix: filter?.Prefix ?? null,
    ObjectSizeGreaterThan: filter?.ObjectSizeGreaterThan ?? null,
    ObjectSizeLessThan: filter?.ObjectSizeLessThan ?? null,
    tags: filter?.Tag ? [filter.Tag] : [],
  };
}

export function ruleSelects(rule: LifecycleRule, target: FilterTarget): boolean {
  if (rule.Status !== "Enabled") return false;
  const terms = termsOf(rule);
  if (terms.Prefix !== null && !target.key.startsWith(terms.Prefix)) return false;
  if (
    terms.ObjectSizeGreaterThan !== null &&
    !(target.sizeBytes !== null && target.sizeBytes > terms.ObjectSizeGreaterThan)
  )
    return false;
  if (terms.ObjectSizeLessThan !== null && !(target.sizeBytes !== null && target.sizeBytes < terms.ObjectSizeLessThan))
    return false;
  return terms.tags.every(({ Key, Value }) => target.tags.some(([key, value]) => key === Key && value === Value));
}

/** Whether a current object has expired under the rule (Expiration by days or by date). */
export function currentExpired(rule: LifecycleRule, createdMs: number, nowMs: number): boolean {
  const expiration = rule.Expiration;
  if (!expiration) return false;
  if (expiration.Days !== null && dueAfterDays(createdMs, expiration.Days) <= nowMs) return true;
  return expiration.Date !== null && Date.parse(expiration.Date) <= nowMs;
}

/**
 * Whether an older version has expired: `becameNoncurrentMs` is when its successor
 * was written, `newerNoncurrent` how many older versions are newer than it.
 */
export function noncurrentExpired(
  rule: LifecycleRule,
  becameNoncurrentMs: number,
  newerNoncurrent: number,
  nowMs: number,
): boolean {
  const expiration = rule.NoncurrentVersionExpiration;
  if (!expiration) return false;
  if (expiration.NewerNoncurrentVersions !== null && newerNoncurrent < expiration.NewerNoncurrentVersions) return false;
  return dueAfterDays(becameNoncurrentMs, expiration.NoncurrentDays) <= nowMs;
}

/** An upload left unfinished: the rule's prefix is the only filter S3 applies to uploads. */
export function uploadAbandoned(rule: LifecycleRule, key: string, createdMs: number, nowMs: number): boolean {
  const abort = rule.AbortIncompleteMultipartUpload;
  if (!abort || rule.Status !== "Enabled") return false;
  const prefix = termsOf(rule).Prefix;
  if (prefix !== null && !key.startsWith(prefix)) return false;
  return dueAfterDays(createdMs, abort.DaysAfterInitiation) <= nowMs;
}
