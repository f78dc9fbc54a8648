import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { BenchReport } from "./main";

/**
 * The bench, run for real with tiny sizes (--quick, every phase), so it cannot rot:
 * every figure is in the JSON with a number, and every figure with a ceiling has a
 * numeric ratio. Nothing about speed is asserted.
 */

const repoRoot = path.resolve(import.meta.dirname, "..");
const runTimeoutMs = 240_000;

function runQuickBench(outPath: string): { status: number | null; output: string } {
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", "bench/main.ts", "--quick", "--sizes", "4KiB,64KiB,1MiB", "--out", outPath],
    {
      cwd: repoRoot,
      encoding: "utf8",
      timeout: runTimeoutMs,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    },
  );
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

const engineFigures = [
  "put-4KiB-c16",
  "put-4KiB-c64",
  "get-4KiB-c16",
  "get-4KiB-c64",
  "put-64KiB-c1",
  "get-64KiB-c1",
  "put-64KiB-c4",
  "get-64KiB-c4",
  "put-1MiB-c1",
  "get-1MiB-c1",
  "put-1MiB-c4",
  "get-1MiB-c4",
  "multipart-11MiB",
  "multipart-11MiB-rss",
  "copy-object-11MiB",
  "upload-part-copy-11MiB",
  "list-load",
  "list-whole",
  "list-root-delimiter",
  "list-prefix-delimiter",
  "list-wide",
  "million-load",
  "million-list-whole",
  "million-put-4KiB-c64",
  "million-rss-idle",
  "delete-objects",
  "mixed",
  "degraded-put-64KiB-c4",
  "degraded-get-64KiB-c4",
];
const ceilings = [
  "disk-seq-64KiB",
  "disk-seq-1MiB",
  "disk-seq-5MiB",
  "disk-small-4KiB-c16",
  "disk-small-4KiB-c64",
  "disk-copy-11MiB",
  "hash-md5",
  "hash-sha256",
  "raw:put-4KiB-c64",
  "raw:get-4KiB-c64",
  "raw:put-1MiB-c4",
  "raw:get-1MiB-c1",
  "raw:mixed",
  "sink:put-4KiB-c64",
  "sink:get-4KiB-c64",
  "sink:get-1MiB-c4",
  "sink:mixed",
];
const withCeiling = [
  "put-4KiB-c16",
  "put-4KiB-c64",
  "get-4KiB-c16",
  "get-4KiB-c64",
  "put-64KiB-c1",
  "get-64KiB-c4",
  "put-1MiB-c1",
  "get-1MiB-c4",
  "multipart-11MiB",
  "million-put-4KiB-c64",
  "mixed",
];

describe("npm run bench --quick", () => {
  it(
    "writes every figure, ceiling and ratio to its JSON file",
    () => {
      const outPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "carport-bench-test-")), "results.json");
      const run = runQuickBench(outPath);
      expect(run.status, run.output).toBe(0);
      const report = JSON.parse(fs.readFileSync(outPath, "utf8")) as BenchReport;

      for (const id of ceilings) expect(report.ceilings[id]?.value, id).toEqual(expect.any(Number));
      for (const id of engineFigures) expect(report.engine[id]?.value, id).toEqual(expect.any(Number));
      const figures = new Map(report.figures.map((figure) => [figure.id, figure]));
      expect([...figures.keys()].sort()).toEqual([...engineFigures].sort());
      for (const id of withCeiling) {
        expect(figures.get(id)?.ceiling?.value, id).toEqual(expect.any(Number));
        expect(figures.get(id)?.ratio, id).toEqual(expect.any(Number));
        expect(figures.get(id)?.sink, id).toEqual(expect.any(Number));
        expect(figures.get(id)?.clientBound, id).toEqual(expect.any(Boolean));
        expect(figures.get(id)?.engine?.clientCpuPercent, id).toEqual(expect.any(Number));
      }
      expect(report.engine.mixed.errors).toBe(0);
      const consoleTargeted = [...(report.console?.firstLoadJs ?? []), ...(report.console?.render ?? [])].filter(
        (figure) => figure.target,
      ).length;
      expect(report.summary.pass + report.summary.miss).toBe(
        report.figures.filter((figure) => figure.target).length + consoleTargeted,
      );
      expect(report.console?.render.map((page) => page.name)).toEqual([
        "overview",
        "bucket list",
        "keys",
        "permission matrix",
      ]);
      for (const weight of report.console?.firstLoadJs ?? [])
        if (weight.gzipBytes !== null) expect(weight.target?.text, weight.route).toBe("≤ 160 KiB gzip");
      expect(run.output).toContain("ratio");
      fs.rmSync(path.dirname(outPath), { recursive: true, force: true });
    },
    runTimeoutMs + 10_000,
  );
});
