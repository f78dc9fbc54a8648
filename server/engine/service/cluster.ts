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

export interface VolumeState {
  volume: Volume;
  isUp: boolean;
  totalBytes: number | null;
  availableBytes: number | null;
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
        this.blocks.addVolume(Volume.open(root, { readOnly: false, fsync: this.dataFsync }));
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

  /** Reachability and space of every volume: a volume is up when its directory and id file are accessible. */
  async volumeStates(): Promise<VolumeState[]> {
    return Promise.all(this.blocks.volumes.map((volume) => volumeState(volume)));
  }
}

async function volumeState(volume: Volume): Promise<VolumeState> {
  try {
    await fs.promises.access(
      path.join(volume.root, "volume-id"),
      volume.readOnly ? fs.constants.R_OK : fs.constants.R_OK | fs.constants.W_OK,
    );
    const { totalBytes, availableBytes } = await volume.statfs();
    return { volume, isUp: true, totalBytes, availableBytes };
  } catch {
    return { volume, isUp: false, totalBytes: null, availableBytes: null };
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
