import { limits } from "../../util/limits";
import type { MetadataStore } from "../metadata/store";
import { prefixEnd, utf8 } from "../metadata/keys";
import { type ObjectRecord, records } from "../metadata/records";
import { decodeObjectSummary, type ObjectSummary } from "../metadata/object-summary";

/**
 * Object listing as range scans over byte-ordered keys. With a delimiter, each
 * common prefix is reported once and the scan jumps past all of its keys, so a
 * folder of a million objects costs one seek, not a million rows.
 *
 * The rows asked for follow what the page returns: a range query after a skip asks
 * for one row (the next key may open another folder, and reading a batch of its
 * keys and their records would be thrown away), then twice as many each time the
 * rows all turn out to be objects. Rows read stay under about twice the entries
 * returned, whatever the folders hold.
 */

const maxBatchRows = limits.listingBatchRows;

export interface ListQuery {
  bucketId: string;
  prefix: string;
  delimiter: string | null;
  /** Exclusive: list keys (and common prefixes) strictly after this one. */
  startAfter: string | null;
  maxKeys: number;
}

export interface ListedObject<R = ObjectRecord> {
  key: string;
  record: R;
}

export interface ListPage<R = ObjectRecord> {
  objects: Array<ListedObject<R>>;
  commonPrefixes: string[];
  isTruncated: boolean;
  /** The last key or common prefix returned: where the next page starts after. */
  lastReturned: string | null;
}

/** Objects with their whole records (the lifecycle worker reads their tags and versions). */
export function listObjects(db: MetadataStore, query: ListQuery): ListPage {
  return scan(db, query, records.object.decode);
}

/** Objects with only what a ListObjects page shows of them (object-summary.ts decodes just those fields). */
export function listObjectSummaries(db: MetadataStore, query: ListQuery): ListPage<ObjectSummary> {
  return scan(db, query, decodeObjectSummary);
}

function scan<R>(db: MetadataStore, query: ListQuery, decode: (record: Buffer) => R): ListPage<R> {
  const bucket = Buffer.from(query.bucketId, "hex");
  const prefixBytes = Buffer.concat([bucket, utf8(query.prefix)]);
  const end = prefixEnd(prefixBytes) ?? prefixEnd(bucket) ?? undefined;
  const page: ListPage<R> = { objects: [], commonPrefixes: [], isTruncated: false, lastReturned: null };
  // max-keys=0 asks for nothing: AWS answers an empty page that is not truncated.
  if (query.maxKeys <= 0) return page;
  let position = startPosition(bucket, prefixBytes, query.startAfter);
  let batchRows = query.delimiter ? 1 : maxBatchRows;
  for (;;) {
    const remaining = query.maxKeys - page.objects.length - page.commonPrefixes.length;
    const limit = Math.min(remaining + 1, batchRows);
    const rows = db.rangeTextKeys("object", { ...position, end, limit }, bucket.length);
    if (rows.length === 0) return page;
    batchRows = Math.min(batchRows * 2, maxBatchRows);
    let next: Position | null = null;
    for (const [key, value] of rows) {
      const commonPrefix = commonPrefixOf(key, query);
      if (commonPrefix !== null && query.startAfter !== null && query.startAfter.startsWith(commonPrefix)) {
        next = skipPast(bucket, commonPrefix);
        batchRows = 1;
        break;
      }
      if (page.objects.length + page.commonPrefixes.length === query.maxKeys) {
        page.isTruncated = true;
        return page;
      }
      if (commonPrefix !== null) {
        page.commonPrefixes.push(commonPrefix);
        page.lastReturned = commonPrefix;
        next = skipPast(bucket, commonPrefix);
        batchRows = 1;
        if (next.start === undefined) return page;
        break;
      }
      page.objects.push({ key, record: decode(value) });
      page.lastReturned = key;
    }
    // A batch read to its end stopped on an object (every other row breaks out): the next starts after it.
    // Keys were written from JS strings, so their UTF-8 round-trips to the same bytes.
    position = next ?? { after: Buffer.concat([bucket, utf8(page.lastReturned ?? "")]) };
  }
}

type Position = { start?: Buffer; after?: Buffer };

function startPosition(bucket: Buffer, prefixBytes: Buffer, startAfter: string | null): Position {
  if (startAfter === null) return { start: prefixBytes };
  const after = Buffer.concat([bucket, utf8(startAfter)]);
  return Buffer.compare(after, prefixBytes) >= 0 ? { after } : { start: prefixBytes };
}

function skipPast(bucket: Buffer, commonPrefix: string): Position {
  const next = prefixEnd(Buffer.concat([bucket, utf8(commonPrefix)]));
  return next ? { start: next } : {};
}

function commonPrefixOf(key: string, query: ListQuery): string | null {
  if (!query.delimiter) return null;
  const index = key.indexOf(query.delimiter, query.prefix.length);
  return index < 0 ? null : key.slice(0, index + query.delimiter.length);
}
