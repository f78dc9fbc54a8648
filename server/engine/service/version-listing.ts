import type { Entry, ReadTx, TreeName } from "../metadata/store";
import { keyVersionsPrefix, objectKey, parseVersionKey, prefixEnd, utf8, versionKey } from "../metadata/keys";
import { type VersionRecord, records } from "../metadata/records";
import type { ObjectVersions } from "./object-versions";
import type { VersionRef } from "./version-ids";

/**
 * ListObjectVersions: every version of every key, keys in byte order, each key's
 * versions newest first. Two ordered trees are merged (current objects, and older
 * versions with delete markers) so the plain listing never reads older versions.
 * With a delimiter, each common prefix is reported once and both scans seek past it.
 */

export interface VersionListQuery {
  bucketId: string;
  prefix: string;
  delimiter: string | null;
  /** Lists keys after this one; with `versionMarker`, the versions of this key after that one. */
  keyMarker: string | null;
  versionMarker: VersionRef | null;
  maxKeys: number;
}

export interface ListedVersion {
  key: string;
  record: VersionRecord;
  isLatest: boolean;
}

export interface VersionListPage {
  versions: ListedVersion[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** Where the next page starts: the last key (or common prefix) returned, and the last version when a version. */
  nextKeyMarker: string | null;
  nextVersion: ListedVersion | null;
}

type Position = { start?: Buffer; after?: Buffer };

const rowsPerRead = 256;

/** One tree read forward in pages, from a position that can be moved. */
class TreeCursor {
  private rows: Entry[] = [];
  private index = 0;
  private done = false;

  constructor(
    private readonly tx: ReadTx,
    private readonly tree: TreeName,
    private position: Position,
    private readonly end: Buffer | undefined,
  ) {}

  peek(): Entry | null {
    if (this.index < this.rows.length) return this.rows[this.index];
    if (this.done) return null;
    this.rows = this.tx.range(this.tree, { ...this.position, end: this.end, limit: rowsPerRead });
    this.index = 0;
    if (this.rows.length < rowsPerRead) this.done = true;
    if (this.rows.length > 0) this.position = { after: this.rows[this.rows.length - 1][0] };
    return this.rows[0] ?? null;
  }

  advance(): void {
    this.index += 1;
  }

  seek(position: Position): void {
    this.position = position;
    this.rows = [];
    this.index = 0;
    this.done = false;
  }
}

export function listVersions(tx: ReadTx, versions: ObjectVersions, query: VersionListQuery): VersionListPage {
  const bucket = Buffer.from(query.bucketId, "hex");
  const prefixBytes = Buffer.concat([bucket, utf8(query.prefix)]);
  const end = prefixEnd(prefixBytes) ?? prefixEnd(bucket) ?? undefined;
  const start = startPositions(tx, versions, query, bucket);
  const current = new TreeCursor(tx, "object", atLeast(start.current, prefixBytes), end);
  const older = new TreeCursor(tx, "object_version", atLeast(start.older, prefixBytes), end);
  const page: VersionListPage = {
    versions: [],
    commonPrefixes: [],
    isTruncated: false,
    nextKeyMarker: null,
    nextVersion: null,
  };
  let latestShownFor = start.latestShownFor;
  for (;;) {
    const currentRow = current.peek();
    const olderRow = older.peek();
    if (!currentRow && !olderRow) return page;
    const currentKey = currentRow ? currentRow[0].subarray(bucket.length) : null;
    const olderKey = olderRow ? parseVersionKey(bucket.length, olderRow[0]).keyBytes : null;
    const fromCurrent = currentKey !== null && (olderKey === null || Buffer.compare(currentKey, olderKey) <= 0);
    const key = (fromCurrent ? currentKey : olderKey)?.toString("utf8") ?? "";
    const commonPrefix = commonPrefixOf(key, query);
    if (commonPrefix !== null && query.keyMarker !== null && query.keyMarker.startsWith(commonPrefix)) {
      if (!seekPast(bucket, commonPrefix, current, older)) return page;
      continue;
    }
    if (page.versions.length + page.commonPrefixes.length >= query.maxKeys) {
      page.isTruncated = query.maxKeys > 0;
      return page;
    }
    if (commonPrefix !== null) {
      page.commonPrefixes.push(commonPrefix);
      page.nextKeyMarker = commonPrefix;
      page.nextVersion = null;
      if (!seekPast(bucket, commonPrefix, current, older)) return page;
      continue;
    }
    const row = fromCurrent ? currentRow : olderRow;
    if (!row) return page;
    const listed: ListedVersion = {
      key,
      record: fromCurrent ? records.object.decode(row[1]) : records.version.decode(row[1]),
      isLatest: latestShownFor !== key,
    };
    latestShownFor = key;
    page.versions.push(listed);
    page.nextKeyMarker = key;
    page.nextVersion = listed;
    (fromCurrent ? current : older).advance();
  }
}

/**
 * Where each scan starts. After a key marker alone: past all of that key's
 * versions. With a version marker too: after that version within the key; the
 * older versions sort by their place in the key's history, so the place alone
 * (known from the id, or looked up for "null") is where to continue.
 */
function startPositions(
  tx: ReadTx,
  versions: ObjectVersions,
  query: VersionListQuery,
  bucket: Buffer,
): { current: Position; older: Position; latestShownFor: string | null } {
  if (query.keyMarker === null) return { current: {}, older: {}, latestShownFor: null };
  const key = query.keyMarker;
  const afterKey = { current: { after: objectKey(bucket, key) }, latestShownFor: key };
  const marker = query.versionMarker;
  const seq =
    marker === null
      ? null
      : marker.kind === "id"
        ? marker.seq
        : (versions.find(tx, query.bucketId, key, marker)?.seq ?? null);
  if (seq === null) return { ...afterKey, older: { start: prefixEnd(keyVersionsPrefix(bucket, key)) ?? undefined } };
  return { ...afterKey, older: { after: versionKey(bucket, key, seq) } };
}

/** A scan never starts before the prefix. */
function atLeast(position: Position, prefixBytes: Buffer): Position {
  const from = position.after ?? position.start;
  if (from === undefined || Buffer.compare(from, prefixBytes) < 0) return { start: prefixBytes };
  return position;
}

function seekPast(bucket: Buffer, commonPrefix: string, ...cursors: TreeCursor[]): boolean {
  const next = prefixEnd(Buffer.concat([bucket, utf8(commonPrefix)]));
  if (!next) return false;
  for (const cursor of cursors) cursor.seek({ start: next });
  return true;
}

function commonPrefixOf(key: string, query: VersionListQuery): string | null {
  if (!query.delimiter) return null;
  const index = key.indexOf(query.delimiter, query.prefix.length);
  return index < 0 ? null : key.slice(0, index + query.delimiter.length);
}
