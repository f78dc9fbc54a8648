import type { EngineSettings } from "./settings";
import { MetadataStore } from "./metadata/store";
import { BlockStore } from "./blocks/store";
import { BlockCollector } from "./blocks/collector";
import { VolumeHealth } from "./blocks/volume-health";
import { quorums } from "./blocks/quorum";
import { AccessKeyService } from "./service/access-keys";
import { BucketAllowanceService } from "./service/bucket-allowances";
import { BucketService } from "./service/buckets";
import { ObjectService } from "./service/objects";
import { MultipartService } from "./service/multipart";
import { ObjectVersions } from "./service/object-versions";
import { type VersionListPage, type VersionListQuery, listVersions } from "./service/version-listing";
import { type ListPage, type ListQuery, listObjects, listObjectSummaries } from "./service/listing";
import type { ObjectSummary } from "./metadata/object-summary";
import { EngineError } from "./errors";
import { limits } from "../util/limits";
import type { Permission } from "./service/access-keys";
import { AdminTokenService } from "./service/admin-tokens";
import { LayoutService } from "./service/layout";
import { ClusterService, openVolume, recordVolumeIds } from "./service/cluster";
import { BlockRepairs } from "./service/block-repairs";
import { WorkerService } from "./service/workers";
import { MaintenanceService } from "./service/maintenance";
import { BucketAccessService } from "./access/service";
import { LifecycleWorker } from "./service/lifecycle";

/**
 * The storage engine: metadata, blocks and the services the protocol layers
 * call. It knows nothing of HTTP, XML or JSON.
 */

export interface EngineOptions {
  /** Delay before an unreferenced block is deleted (limits.blockGcDelayMs unless told). */
  blockGcDelayMs?: number;
  /** The lifecycle worker's clock: tests move it forward to see rules fall due. */
  lifecycleClock?: () => number;
}

export class Engine {
  readonly keys: AccessKeyService;
  readonly buckets: BucketService;
  /** Budgets of buckets that keys may create through S3 (./service/bucket-allowances). */
  readonly allowances: BucketAllowanceService;
  readonly objects: ObjectService;
  readonly versions: ObjectVersions;
  readonly multipart: MultipartService;
  readonly adminTokens: AdminTokenService;
  readonly layout: LayoutService;
  readonly cluster: ClusterService;
  readonly workers: WorkerService;
  readonly maintenance: MaintenanceService;
  readonly repairs: BlockRepairs;
  readonly access: BucketAccessService;
  readonly lifecycle: LifecycleWorker;
  readonly startedMs = Date.now();

  private constructor(
    readonly config: EngineSettings,
    private readonly db: MetadataStore,
    private readonly blocks: BlockStore,
    /** Public for tests that collect due blocks at a chosen time; the protocol layers go through the services. */
    readonly collector: BlockCollector,
    options: EngineOptions,
  ) {
    this.keys = new AccessKeyService(db);
    this.buckets = new BucketService(db, this.keys);
    this.allowances = new BucketAllowanceService(db);
    this.versions = new ObjectVersions(this.buckets);
    this.objects = new ObjectService(db, blocks, collector, this.buckets, this.versions, config.blockSizeBytes);
    this.multipart = new MultipartService(db, collector, this.buckets, this.objects, this.versions);
    this.adminTokens = new AdminTokenService(db);
    this.layout = new LayoutService(db, blocks, config.replicationFactor);
    this.cluster = new ClusterService(db, blocks, config.dataFsync);
    this.repairs = new BlockRepairs(db, blocks, this.layout);
    const { resync, rebalance, scrub, settings } = this.repairs;
    this.workers = new WorkerService({ collector, resync, rebalance, scrub, settings });
    this.workers.restoreSettings();
    const { objects, multipart, layout } = this;
    this.maintenance = new MaintenanceService({
      db,
      blocks,
      collector,
      objects,
      multipart,
      layout,
      resync,
      rebalance,
      scrub,
      metadataDir: config.metadataDir,
    });
    this.access = new BucketAccessService(db, this.keys, this.buckets, this.objects);
    this.lifecycle = new LifecycleWorker(
      {
        buckets: () => this.buckets.list(),
        listObjects: (query) => listObjects(db, query),
        listVersions: (query) => listVersions(db, this.versions, query),
        objects: this.objects,
        multipart: this.multipart,
      },
      options.lifecycleClock,
    );
    this.workers.addReporter(5, () => this.lifecycle.report());
  }

  static async open(config: EngineSettings, options: EngineOptions = {}): Promise<Engine> {
    const db = MetadataStore.open(config.metadataDir, { fsync: config.metadataFsync });
    const opened = config.volumes.map((volume) =>
      openVolume(db, volume.path, { readOnly: volume.readOnly, fsync: config.dataFsync }),
    );
    const volumes = opened.map(({ volume }) => volume);
    const health = new VolumeHealth(() => volumes, limits.volumeCheckIntervalMs);
    for (const { volume, verified } of opened) if (!verified) health.trackUnverified(volume);
    const { write: writeQuorum } = quorums(config.replicationFactor, config.consistencyMode);
    const blocks = new BlockStore(volumes, { health, writeQuorum });
    const collector = new BlockCollector(db, blocks, options.blockGcDelayMs ?? limits.blockGcDelayMs);
    const engine = new Engine(config, db, blocks, collector, options);
    // Volumes added at runtime come back before the layout decides placement over them.
    for (const problem of engine.cluster.reopenAddedVolumes()) console.error(`volume not reopened: ${problem}`);
    await recordVolumeIds(db, volumes);
    // Every volume is inspected before the engine serves: a missing one is down, an empty one adopted.
    await health.checkAll();
    await engine.layout.initialize(await engine.cluster.initialRoles(config.volumes));
    health.start();
    engine.repairs.start();
    collector.start();
    engine.lifecycle.start();
    // Blocks written before a crash but never committed are found and collected.
    void collector.scanForOrphans().then(() => collector.collectDue());
    return engine;
  }

  /**
   * Resolves once every commit visible now is durable (null when all are): an
   * answer to a read waits for it, so no client sees a write a crash could undo.
   */
  whenAllDurable(): Promise<void> | null {
    return this.db.whenAllDurable();
  }

  list(query: ListQuery): ListPage<ObjectSummary> {
    return listObjectSummaries(this.db, query);
  }

  /** ListObjectVersions: every version and delete marker, keys in byte order, newest first within a key. */
  listVersions(query: VersionListQuery): VersionListPage {
    return listVersions(this.db, this.versions, query);
  }

  /** The one place where a key's right to act on a bucket is decided. */
  authorize(accessKeyId: string | null, bucketId: string, needed: Permission): void {
    if (accessKeyId === null)
      throw new EngineError("AccessDenied", "Anonymous requests are not allowed on this bucket.");
    const flags = this.keys.permission(bucketId, accessKeyId);
    if (!flags[needed])
      throw new EngineError("AccessDenied", `Key ${accessKeyId} has no ${needed} permission on this bucket.`);
  }

  /** Deletes an empty bucket, aborting its unfinished uploads first. */
  async deleteBucket(bucketId: string): Promise<void> {
    const freed = await this.db.write((tx) => {
      this.buckets.assertEmpty(bucketId, tx);
      const uploads = this.multipart.listUploads(bucketId, {
        prefix: "",
        keyMarker: null,
        uploadIdMarker: null,
        maxUploads: limits.maxUploadsAbortedByBucketDelete,
      }).uploads;
      const dropped = uploads.flatMap((upload) => this.multipart.abortInTx(tx, upload));
      this.buckets.deleteInTx(tx, bucketId);
      return dropped;
    });
    this.collector.enqueue(freed);
  }

  /** Deletes an access key with its permissions and the local aliases it holds, in one transaction. */
  async deleteAccessKey(accessKeyId: string): Promise<void> {
    await this.db.write((tx) => {
      this.keys.require(accessKeyId, tx);
      for (const [alias, bucketId] of this.buckets.localAliasesOfKey(accessKeyId, tx))
        this.buckets.removeLocalAliasInTx(tx, bucketId, accessKeyId, alias, true);
      this.keys.deleteInTx(tx, accessKeyId);
    });
  }

  async close(): Promise<void> {
    this.blocks.health.stop();
    await this.repairs.stop();
    this.lifecycle.stop();
    await this.collector.stop();
    this.db.close();
  }
}
