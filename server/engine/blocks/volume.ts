import crypto from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { filesPresentOffLoop, readAndCheckOffLoop } from "./check-thread";
import { DirectorySyncer } from "./dir-sync";

/**
 * One data directory (typically one disk). Blocks are files named by their
 * SHA-256, under 256 sub-directories by the hash's first byte. Every volume has a
 * stable 32-byte id kept in the directory itself, so it survives renames of the
 * mount point; the layout calls it a node.
 */
export class Volume {
  /** The file in a volume's root that holds its id: what marks a directory as a volume. */
  static readonly idFileName = "volume-id";
  readonly directorySyncer: DirectorySyncer;

  private constructor(
    readonly id: string,
    readonly root: string,
    readonly readOnly: boolean,
    private readonly fsync: boolean,
  ) {
    this.directorySyncer = new DirectorySyncer(fsync);
  }

  static open(root: string, options: { readOnly: boolean; fsync: boolean }): Volume {
    fs.mkdirSync(root, { recursive: true });
    const id = readOrCreateId(root, options.fsync);
    const volume = new Volume(id, root, options.readOnly, options.fsync);
    volume.prepareDirectories();
    return volume;
  }

  /**
   * A volume whose id the engine already knows, without touching the disk: its
   * directory may be gone or replaced. The health monitor inspects it before use.
   */
  static known(root: string, id: string, options: { readOnly: boolean; fsync: boolean }): Volume {
    return new Volume(id, root, options.readOnly, options.fsync);
  }

  /** The id written in the directory, or null when there is no id file. Throws when the directory is unreadable. */
  async readIdFile(): Promise<string | null> {
    try {
      return (await fsp.readFile(path.join(this.root, "volume-id"), "utf8")).trim();
    } catch (error) {
      if (isErrorCode(error, "ENOENT") && (await fsp.stat(this.root)).isDirectory()) return null;
      throw error;
    }
  }

  /**
   * Makes an empty directory put in place of a lost one this volume again: the
   * same id (the layout knows the volume by it) and the sub-directories. The
   * resync then restores the blocks it should hold.
   */
  async adoptEmptyDirectory(): Promise<void> {
    const tmp = path.join(this.root, "volume-id.tmp");
    await fsp.writeFile(tmp, `${this.id}\n`);
    if (this.fsync) await syncFile(tmp);
    await fsp.rename(tmp, path.join(this.root, "volume-id"));
    await this.prepareDirectoriesAsync();
  }

  /** The sub-directories exist (a volume coming back may have lost some); tmp/ is emptied. */
  async prepareDirectoriesAsync(): Promise<void> {
    const tmp = path.join(this.root, "tmp");
    await fsp.rm(tmp, { recursive: true, force: true });
    await fsp.mkdir(tmp, { recursive: true });
    await Promise.all(
      Array.from({ length: 256 }, (_, byte) =>
        fsp.mkdir(path.join(this.root, byte.toString(16).padStart(2, "0")), { recursive: true }),
      ),
    );
    if (this.fsync) await this.directorySyncer.sync(this.root);
  }

  /** Writes, syncs, reads back and removes a small file: proves the disk takes writes again. */
  async probeWrite(): Promise<void> {
    const probe = path.join(this.root, "tmp", `probe.${crypto.randomBytes(6).toString("hex")}`);
    const bytes = crypto.randomBytes(64);
    await fsp.writeFile(probe, bytes);
    try {
      if (this.fsync) await syncFile(probe);
      if (!(await fsp.readFile(probe)).equals(bytes)) throw new Error("the probe file read back differently");
    } finally {
      await fsp.rm(probe, { force: true });
    }
  }

  /** Sub-directories exist before any write, so a block write only has to sync its own directory. */
  private prepareDirectories(): void {
    const tmp = path.join(this.root, "tmp");
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp, { recursive: true });
    let created = false;
    for (let byte = 0; byte < 256; byte += 1) {
      const directory = path.join(this.root, byte.toString(16).padStart(2, "0"));
      if (!fs.existsSync(directory)) {
        fs.mkdirSync(directory);
        created = true;
      }
    }
    if (created && this.fsync) syncDirectorySync(this.root);
  }

  blockPath(hashHex: string): string {
    return path.join(this.root, hashHex.slice(0, 2), hashHex);
  }

  async has(hashHex: string): Promise<boolean> {
    try {
      await fsp.access(this.blockPath(hashHex));
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Durable write: temp file, fsync (the bytes are on disk), rename (the block
   * appears whole or not at all), fsync of the directory (the name is on disk).
   */
  async writeBlock(hashHex: string, data: Buffer): Promise<void> {
    await this.writeBlockFile(hashHex, data);
    await this.syncBlockDirectory(hashHex);
  }

  /** The first three steps of writeBlock; the name is durable only after syncBlockDirectory. */
  async writeBlockFile(hashHex: string, data: Buffer): Promise<void> {
    await this.commitStagedBlock(await this.stageBlockFile(data, hashHex), hashHex);
  }

  /**
   * Writes and fsyncs a block's bytes into a temporary file, before or while its
   * hash is computed (blocks/staging.ts); `label` only names the file.
   * Resolves to the file's path, for commitStagedBlock or discardStagedBlock.
   */
  async stageBlockFile(data: Buffer, label = "staged"): Promise<string> {
    const tmpPath = path.join(this.root, "tmp", `${label}.${crypto.randomBytes(6).toString("hex")}`);
    const handle = await fsp.open(tmpPath, "wx");
    try {
      try {
        await writeAll(handle, data);
        if (this.fsync) await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (error) {
      // A failed write (ENOSPC, EIO) must not leave its partial file to hold space until the next restart.
      await this.discardStagedBlock(tmpPath);
      throw error;
    }
    return tmpPath;
  }

  /** Gives a staged file its block's name: the block appears whole or not at all. */
  async commitStagedBlock(tmpPath: string, hashHex: string): Promise<void> {
    try {
      await fsp.rename(tmpPath, this.blockPath(hashHex));
    } catch (error) {
      await this.discardStagedBlock(tmpPath);
      throw error;
    }
  }

  async discardStagedBlock(tmpPath: string): Promise<void> {
    await fsp.rm(tmpPath, { force: true });
  }

  /** Makes the block's name durable (many writes into one directory share one fsync). */
  syncBlockDirectory(hashHex: string): Promise<void> {
    return this.directorySyncer.sync(path.dirname(this.blockPath(hashHex)));
  }

  /** Reads a block; with its size known, in one read into `into` (or a new buffer) of that size. */
  async readBlock(hashHex: string, sizeBytes?: number, into?: Buffer): Promise<Buffer> {
    if (sizeBytes === undefined) return fsp.readFile(this.blockPath(hashHex));
    const handle = await fsp.open(this.blockPath(hashHex), "r");
    try {
      const data = into?.length === sizeBytes ? into : Buffer.allocUnsafe(sizeBytes);
      const { bytesRead } = await handle.read(data, 0, sizeBytes, 0);
      return bytesRead === sizeBytes ? data : data.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  /**
   * Reads a block with its CRC32C computed from the bytes read: both on a checking
   * thread when `into` is a large pooled buffer of `sizeBytes` (check-thread.ts),
   * else with readBlock and `crc32c` null (the caller checks the bytes itself).
   */
  async readBlockWithCrc32c(
    hashHex: string,
    sizeBytes?: number,
    into?: Buffer,
  ): Promise<{ data: Buffer; crc32c: number | null }> {
    if (sizeBytes !== undefined && into?.length === sizeBytes) {
      const checked = await readAndCheckOffLoop(this.blockPath(hashHex), into);
      if (checked) return { data: into.subarray(0, checked.readBytes), crc32c: checked.crc32c };
    }
    return { data: await this.readBlock(hashHex, sizeBytes, into), crc32c: null };
  }

  /** Whether each block is here; many names are looked up on a checking thread in one message. */
  async hasBlocks(hashHexes: string[]): Promise<boolean[]> {
    const answered =
      hashHexes.length > 1 ? await filesPresentOffLoop(hashHexes.map((hashHex) => this.blockPath(hashHex))) : null;
    return answered ?? Promise.all(hashHexes.map((hashHex) => this.has(hashHex)));
  }

  async removeBlock(hashHex: string): Promise<void> {
    await fsp.rm(this.blockPath(hashHex), { force: true });
  }

  /** Moves a corrupt block aside so it is neither served nor deduplicated against. */
  async quarantineBlock(hashHex: string): Promise<void> {
    const quarantine = path.join(this.root, "quarantine");
    await fsp.mkdir(quarantine, { recursive: true });
    await fsp.rename(this.blockPath(hashHex), path.join(quarantine, `${hashHex}.${Date.now()}`)).catch(() => undefined);
  }

  /** Every block hash on this volume, one sub-directory at a time. */
  async *listBlocks(): AsyncGenerator<string> {
    for (let partition = 0; partition < 256; partition += 1) yield* this.listBlocksOfPartition(partition);
  }

  /** The block hashes in one partition's sub-directory (the partition is the hash's first byte). */
  async *listBlocksOfPartition(partition: number): AsyncGenerator<string> {
    const directory = path.join(this.root, partition.toString(16).padStart(2, "0"));
    const names = await fsp.readdir(directory).catch(() => [] as string[]);
    for (const name of names) if (/^[0-9a-f]{64}$/.test(name)) yield name;
  }

  async statfs(): Promise<{ totalBytes: number; availableBytes: number }> {
    const stats = await fsp.statfs(this.root);
    return { totalBytes: stats.blocks * stats.bsize, availableBytes: stats.bavail * stats.bsize };
  }
}

function readOrCreateId(root: string, fsync: boolean): string {
  const idFile = path.join(root, Volume.idFileName);
  if (fs.existsSync(idFile)) {
    const id = fs.readFileSync(idFile, "utf8").trim();
    if (/^[0-9a-f]{64}$/.test(id)) return id;
    throw new Error(`${idFile} is not a volume id`);
  }
  const id = crypto.randomBytes(32).toString("hex");
  const tmp = `${idFile}.tmp`;
  fs.writeFileSync(tmp, `${id}\n`);
  if (fsync) {
    const fd = fs.openSync(tmp, "r");
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, idFile);
  if (fsync) syncDirectorySync(root);
  return id;
}

/**
 * The whole buffer in as few writes as the kernel takes (one, for a regular file):
 * FileHandle.writeFile would cut a 4 MiB block into eight 512 KiB writes, each a
 * round trip through the thread pool.
 */
async function writeAll(handle: fsp.FileHandle, data: Buffer): Promise<void> {
  let writtenBytes = 0;
  while (writtenBytes < data.length) {
    const { bytesWritten } = await handle.write(data, writtenBytes, data.length - writtenBytes, writtenBytes);
    if (bytesWritten === 0) throw new Error("the disk took none of the block's bytes");
    writtenBytes += bytesWritten;
  }
}

async function syncFile(file: string): Promise<void> {
  const handle = await fsp.open(file, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function isErrorCode(error: unknown, code: string): boolean {
  return error instanceof Error && "code" in error && error.code === code;
}

function syncDirectorySync(directory: string): void {
  const fd = fs.openSync(directory, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
