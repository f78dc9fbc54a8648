/**
 * What the engine needs to open, in its own terms. The server's configuration
 * (server/config.ts) maps its file and environment onto this shape; the engine
 * never reads the configuration itself.
 */

export interface VolumeSettings {
  path: string;
  /** Capacity in bytes, when configured; otherwise the layout gets it from the admin. */
  capacityBytes: number | null;
  zone: string | null;
  readOnly: boolean;
}

/** Garage's consistency modes: how many copies a write and a read need. */
export type ConsistencyMode = "consistent" | "degraded" | "dangerous";

export interface EngineSettings {
  metadataDir: string;
  volumes: VolumeSettings[];
  replicationFactor: number;
  consistencyMode: ConsistencyMode;
  metadataFsync: boolean;
  dataFsync: boolean;
  blockSizeBytes: number;
}
