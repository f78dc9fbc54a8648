import os from "node:os";
import path from "node:path";
import { mebibyte, parseSizeBytes } from "./units";

/** The bench's command line, and the plan of sizes it implies (default or --quick). */

export const phaseNames = [
  "ceilings",
  "small",
  "large",
  "multipart",
  "copy",
  "list",
  "delete",
  "million",
  "mixed",
  "degraded",
  "console",
] as const;
export type PhaseName = (typeof phaseNames)[number];

export interface Plan {
  smallBytes: number;
  smallConcurrencies: number[];
  largeSizesBytes: number[];
  /** Bytes moved per large size and direction (at least minLargeOps objects). */
  largeBudgetBytes: number;
  minLargeOps: number;
  multipartBytes: number;
  partBytes: number;
  partsInFlight: number;
  listKeys: number;
  /** Folders of 10 keys at the root of the second listing bucket. */
  wideFolders: number;
  /** Keys already in the bucket of the "million" phase. */
  millionKeys: number;
  deleteKeys: number;
  deleteBatch: number;
  /** Each small-object step runs this long. */
  stepDurationMs: number;
  mixedDurationMs: number;
  mixedConcurrency: number;
  /** Small objects written once and read by the GET steps. */
  smallReadKeys: number;
  /** Keys each mixed-load worker writes before the clock starts. */
  mixedKeysPerWorker: number;
  /** Runs of each sink and ceiling phase; the best counts (3; 1 in --quick, which checks shapes, not speed). */
  ceilingRepetitions: number;
  /** Render the console pages (needs the product started and Chromium: too slow for --quick). */
  renderConsole: boolean;
}

export interface CompareOptions {
  url: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

export interface BenchOptions {
  phases: Set<PhaseName>;
  quick: boolean;
  plan: Plan;
  outPath: string;
  /** Where the engine, the ceiling server and the disk tests write (one filesystem). */
  workDir: string;
  keepData: boolean;
  profile: boolean;
  compare: CompareOptions | null;
}

const defaultPlan: Plan = {
  smallBytes: 4096,
  smallConcurrencies: [16, 64],
  largeSizesBytes: [mebibyte, 64 * mebibyte],
  largeBudgetBytes: 256 * mebibyte,
  minLargeOps: 4,
  multipartBytes: 1024 * mebibyte,
  partBytes: 8 * mebibyte,
  partsInFlight: 4,
  listKeys: 100_000,
  wideFolders: 10_000,
  millionKeys: 1_000_000,
  deleteKeys: 10_000,
  deleteBatch: 1000,
  stepDurationMs: 3000,
  mixedDurationMs: 30_000,
  mixedConcurrency: 64,
  smallReadKeys: 1024,
  mixedKeysPerWorker: 16,
  ceilingRepetitions: 3,
  renderConsole: true,
};

/** Tiny sizes for the bench's own test: every figure, in seconds. S3's smallest part is 5 MiB. */
const quickPlan: Plan = {
  ...defaultPlan,
  largeSizesBytes: [64 * 1024, mebibyte],
  largeBudgetBytes: 4 * mebibyte,
  minLargeOps: 2,
  multipartBytes: 11 * mebibyte,
  partBytes: 5 * mebibyte,
  listKeys: 1500,
  wideFolders: 150,
  millionKeys: 3000,
  deleteKeys: 1200,
  stepDurationMs: 400,
  mixedDurationMs: 800,
  smallReadKeys: 64,
  mixedKeysPerWorker: 2,
  ceilingRepetitions: 1,
  renderConsole: false,
};

export const usage = `usage: npm run bench -- [options]
  --phases a,b,c      any of ${phaseNames.join(", ")} (default: all)
  --quick             tiny sizes and short steps (seconds)
  --sizes 4KiB,1MiB,64MiB   object sizes: the smallest is the small-object size, the others large
  --duration <s>      seconds per small-object step (default 3; the mixed load runs 6x this)
  --out <file>        JSON results (default bench/results/<date>.json)
  --dir <folder>      work folder on the filesystem to measure (default: a temp folder)
  --keep              keep the work folder
  --profile           write a CPU profile of the engine child (--cpu-prof) beside the results
  --compare <url> --access-key <id> --secret-key <secret> [--region <r>]   the same phases against another S3 endpoint
  --compare s3rver    the same phases against the s3rver package, started on a free port`;

function takeValue(args: string[], index: number, name: string): string {
  const value = args[index + 1];
  if (value === undefined || value.startsWith("--")) throw new Error(`${name} needs a value`);
  return value;
}

function parsePhases(text: string): Set<PhaseName> {
  const names = text
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of names)
    if (!(phaseNames as readonly string[]).includes(name))
      throw new Error(`unknown phase '${name}'; phases: ${phaseNames.join(", ")}`);
  return new Set(names as PhaseName[]);
}

function withSizes(plan: Plan, text: string): Plan {
  const sizes = text
    .split(",")
    .map(parseSizeBytes)
    .sort((a, b) => a - b);
  if (sizes.length < 2) throw new Error("--sizes needs a small size and at least one large size");
  return { ...plan, smallBytes: sizes[0], largeSizesBytes: sizes.slice(1) };
}

function withDuration(plan: Plan, text: string): Plan {
  const seconds = Number(text);
  if (!(seconds > 0)) throw new Error(`--duration: expected seconds, got '${text}'`);
  return { ...plan, stepDurationMs: seconds * 1000, mixedDurationMs: seconds * 6000 };
}

export function parseOptions(args: string[], now: Date = new Date()): BenchOptions {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (["--quick", "--keep", "--profile", "--help"].includes(arg)) flags.add(arg);
    else if (
      [
        "--phases",
        "--sizes",
        "--duration",
        "--out",
        "--dir",
        "--compare",
        "--access-key",
        "--secret-key",
        "--region",
      ].includes(arg)
    )
      values.set(arg, takeValue(args, index++, arg));
    else throw new Error(`unknown option '${arg}'\n${usage}`);
  }
  if (flags.has("--help")) throw new Error(usage);
  let plan = flags.has("--quick") ? quickPlan : defaultPlan;
  if (values.has("--sizes")) plan = withSizes(plan, values.get("--sizes") ?? "");
  if (values.has("--duration")) plan = withDuration(plan, values.get("--duration") ?? "");
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  return {
    phases: values.has("--phases") ? parsePhases(values.get("--phases") ?? "") : new Set(phaseNames),
    quick: flags.has("--quick"),
    plan,
    outPath: path.resolve(values.get("--out") ?? path.join(import.meta.dirname, "results", `${stamp}.json`)),
    workDir: path.resolve(values.get("--dir") ?? path.join(os.tmpdir(), `carport-bench-${process.pid}`)),
    keepData: flags.has("--keep"),
    profile: flags.has("--profile"),
    compare: parseCompare(values),
  };
}

/** `--compare s3rver`: the bench starts the s3rver package itself (see bench/s3rver-server.ts). */
export const s3rverPeer = "s3rver";

function parseCompare(values: Map<string, string>): CompareOptions | null {
  const url = values.get("--compare");
  if (!url) return null;
  if (url === s3rverPeer) return { url, accessKeyId: "S3RVER", secretAccessKey: "S3RVER", region: "us-east-1" };
  const accessKeyId = values.get("--access-key");
  const secretAccessKey = values.get("--secret-key");
  if (!accessKeyId || !secretAccessKey) throw new Error("--compare needs --access-key and --secret-key");
  return { url, accessKeyId, secretAccessKey, region: values.get("--region") ?? "us-east-1" };
}
