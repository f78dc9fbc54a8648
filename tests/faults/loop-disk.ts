import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * A small real filesystem that fills up: an ext4 image loop-mounted (root only;
 * this machine allows it). A full disk cannot be faked honestly with quotas or a
 * tmpfs here: ext4 is what a Carport volume runs on, with its journal and reserved
 * blocks, and ENOSPC arrives from it exactly as it would from a real disk.
 */

export interface LoopDisk {
  mountPoint: string;
  availableBytes(): number;
  unmount(): void;
}

export function mountLoopDisk(parent: string, name: string, sizeBytes: number): LoopDisk {
  if (process.getuid?.() !== 0)
    throw new Error("the full-disk tests loop-mount an ext4 image and must run as root (as CI does)");
  const image = path.join(parent, `${name}.img`);
  const mountPoint = path.join(parent, name);
  fs.mkdirSync(mountPoint, { recursive: true });
  fs.writeFileSync(image, "");
  fs.truncateSync(image, sizeBytes);
  // No reserved blocks: root (the engine here) would otherwise write into them and fill later than a user would.
  execFileSync("mkfs.ext4", ["-q", "-F", "-m", "0", image]);
  execFileSync("mount", ["-o", "loop", image, mountPoint]);
  return {
    mountPoint,
    availableBytes: () => {
      const stats = fs.statfsSync(mountPoint);
      return stats.bavail * stats.bsize;
    },
    unmount: () => {
      execFileSync("umount", [mountPoint]);
      fs.rmSync(image, { force: true });
    },
  };
}
