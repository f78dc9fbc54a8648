import type { TargetSpec } from "../loadgen/client";
import type { KeyPattern } from "../loadgen/jobs";
import type { Plan } from "../options";
import { type LoadGenerator, rssBytes } from "../processes";
import type { Measurements } from "../measurements";
import type { PreloadResult } from "../preload";
import { mebibyte, sizeLabel } from "../units";
import { listFigure } from "./listing";
import { load } from "./metadata";
import { opsPerSecond } from "./objects";

/**
 * A bucket that already holds a million objects: listing all of it page by page,
 * small PUTs into it (compared with the same load on an empty bucket), and the
 * engine's resident memory once it is idle again.
 */

export const millionKeyPattern: KeyPattern = { style: "flat", prefix: "m-" };
/** Idle: no request for this long before RSS is read (shorter in --quick, whose steps are short). */
const maxSettleMs = 2000;

export async function measureMillion(
  generator: LoadGenerator,
  target: TargetSpec,
  plan: Plan,
  bucket: string,
  preloaded: PreloadResult | null,
  enginePid: number,
): Promise<Measurements> {
  const loaded = await load(generator, target, bucket, millionKeyPattern, plan.millionKeys, preloaded);
  const whole = await generator.run({
    kind: "list",
    target,
    bucket,
    prefix: "",
    delimiter: "",
    maxPages: 0,
    repeat: 1,
  });
  const concurrency = Math.max(...plan.smallConcurrencies);
  const put = await generator.run({
    kind: "load",
    target,
    bucket,
    method: "PUT",
    keyPrefix: "new-",
    sizeBytes: plan.smallBytes,
    concurrency,
    durationMs: plan.stepDurationMs,
    maxOps: Number.MAX_SAFE_INTEGER,
    keyCount: 0,
  });
  const out: Measurements = {
    "million-load": loaded,
    "million-list-whole": listFigure(whole, "s", { keys: plan.millionKeys }, "1000 keys a page"),
    [`million-put-${sizeLabel(plan.smallBytes)}-c${concurrency}`]: {
      ...opsPerSecond(put),
      detail: `into the bucket of ${plan.millionKeys} keys`,
    },
  };
  if (enginePid > 0) {
    const settleMs = Math.min(maxSettleMs, plan.stepDurationMs);
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    out["million-rss-idle"] = {
      value: rssBytes(enginePid) / mebibyte,
      unit: "MiB",
      errors: 0,
      detail: `engine resident set ${settleMs / 1000} s after the last request, ${plan.millionKeys + put.ops} objects`,
    };
  }
  return out;
}
