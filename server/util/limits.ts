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
  /** Blocks a reader fetches ahead of the one being sent. */
  blockReadAhead: 2,
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
  /** User metadata (x-amz-meta-*) in total, in bytes (AWS: 2 KiB). */
  maxUserMetadataBytes: 2048,
  /** Request bodies parsed whole (XML, JSON) are bounded. */
  maxXmlBodyBytes: 1024 * 1024,
  maxJsonBodyBytes: 1024 * 1024,
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
  /** Blocks no longer referenced are deleted after this delay, so a racing PUT can re-reference them. */
  blockGcDelayMs: 10 * 60 * 1000,
  /** HTTP: headers and idle connections. */
  maxHeaderBytes: 64 * 1024,
  requestTimeoutMs: 15 * 60 * 1000,
  keepAliveTimeoutMs: 60 * 1000,
} as const;

/** libuv's thread pool size for the engine's process (block I/O, fsync and hashing run there). */
export const engineThreadPoolSize = 16;
