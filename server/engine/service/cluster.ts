import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { MetadataStore } from "../metadata/store";
import { rawCodec } from "../metadata/records";
import { utf8 } from "../metadata/keys";
import { EngineError } from "../errors";
import type { BlockStore } from "../blocks/store";
import { Volume } from "../blocks/volume";
import type { VolumeSettings } from "../settings";
import type { InitialRole } from "./layout";

/**
 * The embedded engine's "nodes": its volumes. Volumes come from the configuration
 * or are added at runtime (ConnectClusterNodes with a path); added ones are kept
 * in the `meta` tree so they are reopened on restart.
 */

const addedVolumesKey = utf8("added_volumes");
const addedVolumesSchema = z.array(z.string());
/** Each volume directory's id, so a volume whose directory is gone is still known (and an empty one adopted). */
const volumeIdsKey = utf8("volume_ids");
const volumeIdsSchema = z.record(z.string(), z.string());

export interface VolumeState {
  volume: Volume;
  isUp: boolean;
  /** When the volume last passed a check (null: not since the engine started). */
  lastSeenMs: number | null;
  downReason: string | null;
  totalBytes: number | null;
  availableBytes: number | null;
}

/**
 * Opens a volume directory. A directory whose id the engine recorded is opened
 * without touching the disk and stays down until the health monitor has inspected
 * it: a missing directory is never recreated with a new id, an empty one put in
 * its place is adopted under the recorded id.
 */
export function openVolume(
  db: MetadataStore,
  root: string,
  options: { readOnly: boolean; fsync: boolean },
): { volume: Volume; verified: boolean } {
  const bytes = db.get("meta", volumeIdsKey);
  const knownId = bytes ? volumeIdsSchema.parse(rawCodec.decode(bytes))[path.resolve(root)] : undefined;
  if (knownId) return { volume: Volume.known(path.resolve(root), knownId, options), verified: false };
  return { volume: Volume.open(root, options), verified: true };
}

/** Records the id of every volume directory (after opening them). */
export async function recordVolumeIds(db: MetadataStore, volumes: readonly Volume[]): Promise<void> {
  await db.write((tx) => {
    const bytes = tx.get("meta", volumeIdsKey);
    const known = bytes ? volumeIdsSchema.parse(rawCodec.decode(bytes)) : {};
    const next = { ...known, ...Object.fromEntries(volumes.map((volume) => [volume.root, volume.id])) };
    if (JSON.stringify(next) !== JSON.stringify(known)) tx.put("meta", volumeIdsKey, rawCodec.encode(next));
  });
}

export class ClusterService {
  constructor(
    private readonly db: MetadataStore,
    private readonly blocks: BlockStore,
    private readonly dataFsync: boolean,
  ) {}

  private addedPaths(): string[] {
    const bytes = this.db.get("meta", addedVolumesKey);
    return bytes ? addedVolumesSchema.parse(rawCodec.decode(bytes)) : [];
  }

  /** Reopens the volumes added at runtime (on start). A missing one is reported, not fatal. */
  reopenAddedVolumes(): string[] {
    const problems: string[] = [];
    for (const root of this.addedPaths()) {
      if (this.blocks.volumes.some((volume) => volume.root === root)) continue;
      try {
        const { volume, verified } = openVolume(this.db, root, { readOnly: false, fsync: this.dataFsync });
        if (!verified) this.blocks.health.trackUnverified(volume);
        this.blocks.addVolume(volume);
      } catch (error) {
        problems.push(`${root}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return problems;
  }

  /** Adds a data directory as a new volume (idempotent for a directory already in use). */
  async addVolume(root: string): Promise<Volume> {
    if (!path.isAbsolute(root)) throw new EngineError("InvalidRequest", `A volume path must be absolute: ${root}`);
    const resolved = path.resolve(root);
    const existing = this.blocks.volumes.find((volume) => volume.root === resolved);
    if (existing) return existing;
    refuseForeignDirectory(resolved);
    let volume: Volume;
    try {
      volume = Volume.open(resolved, { readOnly: false, fsync: this.dataFsync });
    } catch (error) {
      throw new EngineError(
        "InvalidRequest",
        `Cannot use ${resolved} as a volume: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (this.blocks.volumeById(volume.id))
      throw new EngineError("InvalidRequest", `${resolved} holds volume ${volume.id}, which is already in use.`);
    await this.db.write((tx) => {
      const bytes = tx.get("meta", addedVolumesKey);
      const paths = bytes ? addedVolumesSchema.parse(rawCodec.decode(bytes)) : [];
      if (!paths.includes(resolved)) tx.put("meta", addedVolumesKey, rawCodec.encode([...paths, resolved]));
    });
    this.blocks.addVolume(volume);
    await recordVolumeIds(this.db, [volume]);
    return volume;
  }

  /** The first layout: the configured zone or "dc1", the configured capacity or the filesystem's size. */
  async initialRoles(configured: VolumeSettings[]): Promise<InitialRole[]> {
    const roles: InitialRole[] = [];
    for (const config of configured) {
      const volume = this.blocks.volumes.find((candidate) => candidate.root === path.resolve(config.path));
      if (!volume || volume.readOnly) continue;
      const capacityBytes = config.capacityBytes ?? (await volume.statfs()).totalBytes;
      roles.push({ volume, zone: config.zone ?? "dc1", capacityBytes });
    }
    return roles;
  }

  /** The engine's nodes, as the admin API names them: the ids of its volumes, in the order they were opened. */
  nodeIds(): string[] {
    return this.blocks.volumes.map((volume) => volume.id);
  }

  /** Reachability (from the health monitor) and space of every volume. */
  async volumeStates(): Promise<VolumeState[]> {
    return Promise.all(
      this.blocks.volumes.map(async (volume) => {
        const status = this.blocks.health.status(volume.id);
        const space = status.isUp ? await volume.statfs().catch(() => null) : null;
        return {
          volume,
          isUp: status.isUp,
          lastSeenMs: status.lastSeenMs,
          downReason: status.downReason,
          totalBytes: space?.totalBytes ?? null,
          availableBytes: space?.availableBytes ?? null,
        };
      }),
    );
  }
}

/**
 * Opening a volume empties its tmp/ and creates 256 sub-directories: only a directory
 * that is already a volume (it holds a volume-id), is empty, or does not exist yet may
 * become one. Anything else ("/", /etc, the engine's own root) is someone's data.
 */
function refuseForeignDirectory(root: string): void {
  let entries: string[];
  try {
    entries = fs.readdirSync(root);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw new EngineError("InvalidRequest", `Cannot use ${root} as a volume: ${(error as Error).message}`);
  }
  if (entries.length > 0 && !entries.includes(Volume.idFileName))
    throw new EngineError(
      "InvalidRequest",
      `${root} is neither empty nor a volume (it has no ${Volume.idFileName}): choose an empty or new directory.`,
    );
}
