/** Every limit of the engine, in one place, with its unit in its name. */
export const limits = {
  /** Objects are cut into blocks of this size (Garage's default). */
  blockSizeBytes: 1024 * 1024,
  /**
   * Objects up to this size live in the metadata record itself. Garage keeps 3 KiB
   * inline, MinIO up to 128 KiB; 16 KiB makes small writes cost a share of one
   * group-committed WAL fsync instead of a block file, its fsync and a directory fsync.
   */
  inlineThresholdBytes: 16 * 1024,
  /** Block writes one request keeps in flight (their fsyncs overlap in the filesystem's journal). */
  blockWritesInFlight: 8,
  /**
   * ...and at most this many bytes of them, so larger blocks do not multiply a request's memory
   * (32 MiB measured slower than 16 for 64 MiB PUTs: more dirty data behind each fsync).
   */
  blockWriteBytesInFlight: 16 * 1024 * 1024,
  /**
   * A body declared at least largeObjectMinBytes is cut into blocks of largeObjectBlockBytes
   * (or the configured block size when larger), as Garage's block_size would: a quarter of
   * the block files, fsyncs and directory entries of 1 MiB blocks, and reads of 4 MiB.
   */
  largeObjectMinBytes: 8 * 1024 * 1024,
  largeObjectBlockBytes: 4 * 1024 * 1024,
  /**
   * A body declared at least this large (or of unknown length) is hashed on a hashing
   * thread (MD5 in order and each block's SHA-256) instead of the event loop; below it,
   * a message round trip costs more than the hashing.
   */
  hashThreadMinBytes: 1024 * 1024,
  /** Hashing threads the engine runs at most (each about one core's MD5: ~700 MiB/s). */
  hashThreads: 2,
  /** A hashing or checking thread with nothing to do ends after this long (blocks/idle-thread.ts). */
  helperThreadIdleMs: 4000,
  /** Free shared block buffers kept for reuse (see blocks/block-buffers.ts). */
  blockBufferPoolBytes: 96 * 1024 * 1024,
  blockBufferIdleMs: 5000,
  /** Blocks a reader fetches ahead of the one being sent. */
  blockReadAhead: 2,
  /**
   * Checking threads: each reads a block's file, then checks its CRC32C (blocks/check-thread.ts);
   * a new one starts only while every other has work, so up to this many reads are in flight.
   */
  blockCheckThreads: 4,
  /**
   * Free block read buffers kept for reuse (blocks/buffer-pool.ts), and how long an idle engine keeps them.
   * A large GET holds five blocks (two leaving by the socket, three read ahead): four of 4 MiB blocks, 80 MiB.
   */
  blockReadBufferPoolBytes: 96 * 1024 * 1024,
  blockReadBufferIdleMs: 5000,
  /** S3: the largest key, in UTF-8 bytes. */
  maxKeyBytes: 1024,
  /** S3: the largest single PUT (5 GiB). */
  maxPutObjectBytes: 5 * 1024 ** 3,
  /** S3: the largest object (5 TiB). */
  maxObjectBytes: 5 * 1024 ** 4,
  /** S3: non-last parts must be at least this large. */
  minPartBytes: 5 * 1024 * 1024,
  maxPartBytes: 5 * 1024 ** 3,
  maxPartNumber: 10_000,
  /** S3: DeleteObjects takes at most this many keys. */
  maxDeleteKeys: 1000,
  /** S3: listing pages. */
  maxListKeys: 1000,
  /** S3: buckets listed in one ListBuckets page (AWS's max-buckets bound). */
  maxListBuckets: 10_000,
  /** S3: parts listed in one page (ListParts, GetObjectAttributes). */
  maxListParts: 1000,
  /** S3 tagging (AWS's limits): tags on an object and on a bucket, and the characters of a tag's key and value. */
  maxObjectTags: 10,
  maxBucketTags: 50,
  maxTagKeyChars: 128,
  maxTagValueChars: 256,
  /** User metadata (x-amz-meta-*) in total, in bytes (AWS: 2 KiB). */
  maxUserMetadataBytes: 2048,
  /** Request bodies parsed whole (XML, JSON) are bounded. */
  maxXmlBodyBytes: 1024 * 1024,
  maxJsonBodyBytes: 1024 * 1024,
  /** S3 POST uploads: the form fields before the file, together (AWS: 20 KiB), and how many. */
  maxPostFormFieldsBytes: 20 * 1024,
  maxPostFormFields: 100,
  /** S3 POST uploads refused mid-form: what is left is read (not kept) up to this, so the client gets the error. */
  maxRefusedPostDrainBytes: 64 * 1024 * 1024,
  /** S3: a bucket policy's JSON (AWS: 20 KiB). */
  maxBucketPolicyBytes: 20 * 1024,
  /** SigV4: accepted clock skew. */
  maxClockSkewMs: 15 * 60 * 1000,
  /** SigV4: the longest presigned URL life (7 days). */
  maxPresignExpiresSeconds: 604_800,
  /** aws-chunked: the largest chunk accepted. */
  maxAwsChunkBytes: 16 * 1024 * 1024,
  /** aws-chunked: the largest chunk header or trailer line. */
  maxAwsChunkLineBytes: 8 * 1024,
  /** Bucket names (AWS rules). */
  minBucketNameLength: 3,
  maxBucketNameLength: 63,
  /**
   * Blocks no longer referenced are deleted after this delay (the worker variable
   * block-gc-delay-secs changes it at runtime). Requests pin the blocks they write,
   * so the delay is not what keeps a racing PUT safe: it batches deletions.
   * Garage waits 10 minutes; the engine has always waited 10 seconds.
   */
  blockGcDelayMs: 10 * 1000,
  /** The collector looks for due blocks every gc delay, but at least this often and at most this often. */
  collectorMinIntervalMs: 250,
  collectorMaxIntervalMs: 5000,
  /** Volumes are checked this often; a volume that fails is marked down within one interval. */
  volumeCheckIntervalMs: 1000,
  /**
   * Background repairs sleep `tranquility` x the time each step took (Garage's
   * tranquilizer), so they never saturate a disk; worker variables change them.
   */
  resyncTranquility: 2,
  /** Garage allows 1 to 8 concurrent resyncs (`resync-worker-count`). */
  maxResyncWorkerCount: 8,
  /** An idle resync worker looks at its queue at least this often. */
  resyncIdleCheckMs: 10_000,
  /** A copy that failed to write on an up volume is retried after this delay. */
  failedCopyRetryDelayMs: 10_000,
  /** The scrub's default tranquility (Garage's: 4; worker variable scrub-tranquility). */
  scrubTranquility: 4,
  /** Scrubs run every 25 days plus a random part of 10 (as Garage), and on demand. */
  scrubIntervalMs: 25 * 24 * 3600_000,
  scrubIntervalJitterMs: 10 * 24 * 3600_000,
  /** An idle scrub worker looks at its schedule at least this often. */
  scrubIdleCheckMs: 60_000,
  /** A rebalance sleeps this tranquility by default (worker variable rebalance-tranquility). */
  rebalanceTranquility: 2,
  /** An idle rebalance worker looks at the layout at least this often. */
  rebalanceIdleCheckMs: 10_000,
  /** A rebalance that could not copy everything (a volume down) tries again after this delay. */
  rebalanceRetryDelayMs: 30_000,
  /** While writes begun under the old layout finish, the rebalance checks their pins this often. */
  rebalancePinPollMs: 100,
  /** Restore scans and rebalances walk block references a page at a time (a crash resumes at the page). */
  restoreScanPageBlocks: 100,
  /** HTTP: headers and idle connections. */
  maxHeaderBytes: 64 * 1024,
  /** A connection that has not sent its whole request head by then is closed (408): slowloris. */
  headersTimeoutMs: 60 * 1000,
  /** How often Node checks the two timeouts above and below: a timeout fires at most this late. */
  connectionsCheckingIntervalMs: 1000,
  requestTimeoutMs: 15 * 60 * 1000,
  keepAliveTimeoutMs: 60 * 1000,
  /** On close, connections still open after this grace are cut. */
  closeGraceMs: 2000,

  /** Configuration: the block size and replication factor a configuration file may set. */
  minBlockSizeBytes: 4096,
  maxBlockSizeBytes: 64 * 1024 * 1024,
  maxReplicationFactor: 7,
  maxRegionLength: 64,

  /** Metadata store (SQLite): how long a write waits for the lock, page cache size, WAL checkpoint interval. */
  metadataBusyTimeoutMs: 5000,
  metadataCacheBytes: 64 * 1024 * 1024,
  metadataWalAutocheckpointPages: 4000,
  /**
   * Rows of each small, hot tree (keys, permissions, buckets, aliases) kept in memory:
   * every request reads four to six of them. Past this the tree's cache starts over.
   */
  metadataCachedRowsPerTree: 10_000,
  /** Reads of a whole table (every bucket, key, admin token, or a key's aliases and permissions) stop here. */
  maxRowsPerTableRead: 1_000_000,
  /** Long metadata scans (repairs, resync, scrub) read this many rows per page, so requests interleave. */
  maintenanceScanPageRows: 500,
  /** A version's block rows are dropped or copied this many at a time, and read this many per page. */
  versionBlockBatchRows: 1000,
  versionBlockPageRows: 256,
  /** A key's older versions are read this many per page when looking for its "null" version. */
  versionScanPageRows: 256,
  /** A listing reads at most this many rows per batch (fewer first, see service/listing.ts). */
  listingBatchRows: 1000,
  /** Clearing the block resync queue (repair "clearResyncQueue") takes at most this many entries at once. */
  maxResyncQueueCleared: 10_000_000,
  /** S3: a streamed body declared at most this large is read whole and sent in one write with the head. */
  maxGatheredBodyBytes: 64 * 1024,
  /** DeleteBucket aborts the bucket's unfinished uploads, at most this many, in its one transaction. */
  maxUploadsAbortedByBucketDelete: 100_000,

  /** A block that failed to resync is retried after this delay, doubled per failure, up to the maximum. */
  blockResyncRetryBaseMs: 60 * 1000,
  blockResyncRetryMaxMs: 24 * 3600 * 1000,
  /** Finished repair workers kept for ListWorkers. */
  maxFinishedWorkers: 20,

  /** Admin API: names of keys and admin tokens, in characters. */
  maxNameLength: 1024,
  /** Admin API: entries in one admin token's scope. */
  maxAdminTokenScope: 256,
  /** Admin API: CORS and lifecycle rules one bucket may hold. */
  maxCorsRules: 100,
  maxLifecycleRules: 1000,
  maxRoutingRules: 100,
  /** Admin API: block errors one ListBlockErrors returns; block hashes one RetryBlockResync or PurgeBlocks takes. */
  maxBlockErrorsListed: 100_000,
  maxBlockHashesPerRequest: 10_000,
  /** Admin API: uploads of one key that InspectObject shows. */
  maxUploadsInspected: 1000,
  /** Admin API: versions of one key that InspectObject shows (the newest). */
  maxVersionsInspected: 1000,
  /** Admin API: buckets one GetBucketInfos (Carport's own) reads; the console asks for a page of 50. */
  maxBucketInfosPerRequest: 100,
  /** Admin API: nodes one ConnectClusterNodes takes; role changes one UpdateClusterLayout takes. */
  maxNodesPerRequest: 256,
  maxRoleChangesPerRequest: 256,
} as const;

/** libuv's thread pool size for the engine's process (block I/O, fsync and hashing run there). */
export const engineThreadPoolSize = 16;
