import path from "node:path";
import { fileCopyMiBps, hashMiBps, sequentialWriteMiBps, smallFileFsyncPerSecond } from "../ceilings/disk";
import type { Plan } from "../options";
import type { Measurements } from "../measurements";
import { mebibyte, sizeLabel } from "../units";

/** The machine's limits that need no server: the disk under the work folder, and one core's hashing. */

const hashBytes = 256 * mebibyte;
const maxSmallFileStepMs = 3000;

export function sequentialSizes(plan: Plan): number[] {
  return [...new Set([...plan.largeSizesBytes, plan.partBytes])].sort((a, b) => a - b);
}

export async function measureDiskAndHash(workDir: string, plan: Plan): Promise<Measurements> {
  const out: Measurements = {};
  for (const sizeBytes of sequentialSizes(plan)) {
    const count = Math.max(plan.minLargeOps, Math.floor(plan.largeBudgetBytes / 2 / sizeBytes));
    const value = await sequentialWriteMiBps(path.join(workDir, "disk-seq"), sizeBytes, count);
    out[`disk-seq-${sizeLabel(sizeBytes)}`] = {
      value,
      unit: "MiB/s",
      errors: 0,
      detail: `${count} files written then fsynced, one at a time`,
    };
  }
  for (const concurrency of plan.smallConcurrencies) {
    const durationMs = Math.min(plan.stepDurationMs, maxSmallFileStepMs);
    const value = await smallFileFsyncPerSecond(
      path.join(workDir, "disk-small"),
      plan.smallBytes,
      concurrency,
      durationMs,
    );
    out[`disk-small-${sizeLabel(plan.smallBytes)}-c${concurrency}`] = {
      value,
      unit: "files/s",
      errors: 0,
      detail: "create + write + fsync + close",
    };
  }
  const copyLabel = sizeLabel(plan.multipartBytes);
  out[`disk-copy-${copyLabel}`] = {
    value: await fileCopyMiBps(path.join(workDir, "disk-copy"), plan.multipartBytes, plan.ceilingRepetitions),
    unit: "MiB/s",
    errors: 0,
    detail: `copy_file_range of one ${copyLabel} file, then fsync; best of ${plan.ceilingRepetitions}`,
  };
  const totalBytes = Math.min(hashBytes, plan.largeBudgetBytes * 4);
  for (const algorithm of ["md5", "sha256"] as const) {
    out[`hash-${algorithm}`] = {
      value: hashMiBps(algorithm, totalBytes),
      unit: "MiB/s",
      errors: 0,
      detail: "one core, 1 MiB updates",
    };
  }
  return out;
}
