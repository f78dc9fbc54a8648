import type { BucketRecord } from "../metadata/records";
import type { LifecycleRule } from "../metadata/bucket-rules";
import { isDeleteMarker } from "../metadata/records";
import { isEngineError } from "../errors";
import { limits } from "../../util/limits";
import type { ListPage, ListQuery } from "./listing";
import type { ListedVersion, VersionListPage, VersionListQuery } from "./version-listing";
import type { ObjectService } from "./objects";
import type { MultipartService } from "./multipart";
import { formatUploadId } from "./multipart-rules";
import type { VersionRef } from "./version-ids";
import { currentExpired, noncurrentExpired, ruleSelects, uploadAbandoned } from "./lifecycle-rules";
import { WorkerStats, type WorkerReport } from "./worker-stats";

/**
 * The lifecycle worker: applies every bucket's lifecycle rules, daily at
 * midnight UTC and on demand, with a clock the tests can move. Each removal
 * re-checks in its own transaction that what it removes is still what was
 * listed, so an object written meanwhile is never expired by mistake.
 */

export interface LifecycleCounts {
  objectsExpired: number;
  deleteMarkersRemoved: number;
  noncurrentVersionsExpired: number;
  uploadsAborted: number;
}

export interface LifecycleSources {
  buckets: () => BucketRecord[];
  listObjects: (query: ListQuery) => ListPage;
  listVersions: (query: VersionListQuery) => VersionListPage;
  objects: ObjectService;
  multipart: MultipartService;
}

const emptyCounts = (): LifecycleCounts => ({
  objectsExpired: 0,
  deleteMarkersRemoved: 0,
  noncurrentVersionsExpired: 0,
  uploadsAborted: 0,
});

function refOf(version: ListedVersion): VersionRef {
  const { record } = version;
  return record.nullVersion ? { kind: "null" } : { kind: "id", seq: record.seq, versionId: record.versionId };
}

export class LifecycleWorker {
  readonly totals = emptyCounts();
  runs = 0;
  private lastRun: { atMs: number; counts: LifecycleCounts } | null = null;
  private running: Promise<LifecycleCounts> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly stats = new WorkerStats();

  constructor(
    private readonly sources: LifecycleSources,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs once now (or joins the run in progress). */
  runNow(): Promise<LifecycleCounts> {
    this.running ??= this.run().finally(() => (this.running = null));
    return this.running;
  }

  start(): void {
    const dayMs = 24 * 60 * 60 * 1000;
    const untilMidnightMs = dayMs - (Date.now() % dayMs);
    this.timer = setTimeout(() => {
      void this.runNow().catch(() => undefined);
      this.start();
    }, untilMidnightMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  report(): WorkerReport {
    const last = this.lastRun;
    return this.stats.report("Lifecycle", {
      progress: this.running ? "applying lifecycle rules" : null,
      queueLength: null,
      tranquility: null,
      freeform: [
        last ? `Last run: ${new Date(last.atMs).toISOString()}` : "Not run yet (runs daily at midnight UTC)",
        `Objects expired since start: ${this.totals.objectsExpired}`,
        `Delete markers removed since start: ${this.totals.deleteMarkersRemoved}`,
        `Older versions expired since start: ${this.totals.noncurrentVersionsExpired}`,
        `Unfinished uploads aborted since start: ${this.totals.uploadsAborted}`,
      ],
    });
  }

  private async run(): Promise<LifecycleCounts> {
    const nowMs = this.now();
    const counts = emptyCounts();
    this.stats.state = "busy";
    try {
      for (const bucket of this.sources.buckets()) {
        const rules = (bucket.lifecycle ?? []).filter((rule) => rule.Status === "Enabled");
        if (rules.length === 0) continue;
        await this.expireCurrent(bucket, rules, nowMs, counts);
        if (bucket.versioning !== "unversioned") await this.expireVersions(bucket, rules, nowMs, counts);
        await this.abortUploads(bucket, rules, nowMs, counts);
      }
      this.stats.succeed();
    } catch (error) {
      this.stats.fail(error);
      throw error;
    } finally {
      this.stats.state = "idle";
      this.runs += 1;
      this.lastRun = { atMs: nowMs, counts };
      for (const name of Object.keys(counts) as Array<keyof LifecycleCounts>) this.totals[name] += counts[name];
    }
    return counts;
  }

  private async expireCurrent(bucket: BucketRecord, rules: LifecycleRule[], nowMs: number, counts: LifecycleCounts) {
    let startAfter: string | null = null;
    for (;;) {
      const page = this.sources.listObjects({
        bucketId: bucket.id,
        prefix: "",
        delimiter: null,
        startAfter,
        maxKeys: limits.maxListKeys,
      });
      for (const { key, record } of page.objects) {
        const target = { key, sizeBytes: record.sizeBytes, tags: record.tags };
        const due = rules.some((rule) => ruleSelects(rule, target) && currentExpired(rule, record.createdMs, nowMs));
        if (due && (await this.sources.objects.expireCurrent(bucket.id, key, record.versionId)))
          counts.objectsExpired += 1;
      }
      if (!page.isTruncated || page.lastReturned === null) return;
      startAfter = page.lastReturned;
    }
  }

  /** Every version of every key, newest first per key, one key's history at a time. */
  private *histories(bucketId: string): Generator<ListedVersion[]> {
    let keyMarker: string | null = null;
    let versionMarker: VersionRef | null = null;
    let history: ListedVersion[] = [];
    for (;;) {
      const page = this.sources.listVersions({
        bucketId,
        prefix: "",
        delimiter: null,
        keyMarker,
        versionMarker,
        maxKeys: limits.maxListKeys,
      });
      for (const version of page.versions) {
        if (history.length > 0 && history[0].key !== version.key) {
          yield history;
          history = [];
        }
        history.push(version);
      }
      if (!page.isTruncated || page.nextKeyMarker === null) break;
      keyMarker = page.nextKeyMarker;
      versionMarker = page.nextVersion ? refOf(page.nextVersion) : null;
    }
    if (history.length > 0) yield history;
  }

  private async expireVersions(bucket: BucketRecord, rules: LifecycleRule[], nowMs: number, counts: LifecycleCounts) {
    const removals: Array<{ version: ListedVersion; counter: keyof LifecycleCounts }> = [];
    for (const history of this.histories(bucket.id)) {
      const [latest, ...older] = history;
      const onlyMarker = older.length === 0 && latest.isLatest && isDeleteMarker(latest.record);
      if (onlyMarker) {
        const target = { key: latest.key, sizeBytes: null, tags: [] };
        if (rules.some((rule) => rule.Expiration?.ExpiredObjectDeleteMarker && ruleSelects(rule, target)))
          removals.push({ version: latest, counter: "deleteMarkersRemoved" });
        continue;
      }
      older.forEach((version, index) => {
        // The version just newer than this one is the write that made it noncurrent.
        const becameNoncurrentMs = history[index].record.createdMs;
        const record = version.record;
        const target = isDeleteMarker(record)
          ? { key: version.key, sizeBytes: null, tags: [] }
          : { key: version.key, sizeBytes: record.sizeBytes, tags: record.tags };
        if (
          rules.some((rule) => ruleSelects(rule, target) && noncurrentExpired(rule, becameNoncurrentMs, index, nowMs))
        )
          removals.push({ version, counter: "noncurrentVersionsExpired" });
      });
    }
    for (const { version, counter } of removals) {
      const outcome = await this.sources.objects.delete(bucket.id, version.key, refOf(version));
      if (outcome.version) counts[counter] += 1;
    }
  }

  private async abortUploads(bucket: BucketRecord, rules: LifecycleRule[], nowMs: number, counts: LifecycleCounts) {
    if (!rules.some((rule) => rule.AbortIncompleteMultipartUpload)) return;
    let keyMarker: string | null = null;
    let uploadIdMarker: string | null = null;
    for (;;) {
      const { uploads, isTruncated } = this.sources.multipart.listUploads(bucket.id, {
        prefix: "",
        keyMarker,
        uploadIdMarker,
        maxUploads: limits.maxListKeys,
      });
      for (const upload of uploads) {
        if (!rules.some((rule) => uploadAbandoned(rule, upload.key, upload.createdMs, nowMs))) continue;
        try {
          await this.sources.multipart.abort(bucket.id, upload.key, formatUploadId(upload.uploadId));
          counts.uploadsAborted += 1;
        } catch (error) {
          // Completed or aborted since it was listed: nothing left to do.
          if (!isEngineError(error, "NoSuchUpload")) throw error;
        }
      }
      const last = uploads.at(-1);
      if (!isTruncated || !last) return;
      keyMarker = last.key;
      uploadIdMarker = formatUploadId(last.uploadId);
    }
  }
}
