import type { TargetSpec } from "../loadgen/client";
import type { Plan } from "../options";
import type { LoadGenerator } from "../processes";
import type { Measurements } from "../measurements";
import { sizeLabel } from "../units";
import { mebibytesPerSecond } from "./objects";

/**
 * CopyObject and UploadPartCopy of one large object (the multipart size) within a
 * bucket, in MiB/s of the object's size; the source is uploaded first, untimed.
 */

export async function measureCopy(
  generator: LoadGenerator,
  target: TargetSpec,
  plan: Plan,
  bucket: string,
): Promise<Measurements> {
  const label = sizeLabel(plan.multipartBytes);
  const parts = { totalBytes: plan.multipartBytes, partBytes: plan.partBytes, inFlight: plan.partsInFlight };
  const source = await generator.run({ kind: "multipart", target, bucket, key: "copy-source", ...parts });
  if (source.errors > 0) throw new Error(`uploading the copy source failed: ${source.firstError}`);
  const copied = await generator.run({
    kind: "copy",
    target,
    bucket,
    sourceKey: "copy-source",
    key: "copy-object",
    sizeBytes: plan.multipartBytes,
  });
  const partCopied = await generator.run({
    kind: "multipart",
    target,
    bucket,
    key: "copy-parts",
    ...parts,
    copySourceKey: "copy-source",
  });
  const detail = `${sizeLabel(plan.partBytes)} part copies, ${plan.partsInFlight} in flight`;
  return {
    [`copy-object-${label}`]: { ...mebibytesPerSecond(copied), detail: "one CopyObject of the whole object" },
    [`upload-part-copy-${label}`]: {
      ...mebibytesPerSecond({ ...partCopied, bytes: plan.multipartBytes }),
      detail,
    },
  };
}
