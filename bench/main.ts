import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildFigures, type Figure } from "./figures";
import type { Measurements } from "./measurements";
import { type BenchOptions, type CompareOptions, type PhaseName, parseOptions, s3rverPeer } from "./options";
import { measureDiskAndHash } from "./phases/ceilings";
import { type ConsoleResult, consoleTargets, measureConsole } from "./phases/console";
import { measureDegraded } from "./phases/degraded";
import { LoadGenerator } from "./processes";
import { log, preloadSpecs, runPlainServer, runStore } from "./run-store";
import { ceilingTable, consoleTable, figureTable } from "./table";
import {
  compareTarget,
  type RunningTarget,
  startCeilingServer,
  startEngineChild,
  startS3rver,
  startSinkServer,
} from "./targets";

/**
 * `npm run bench`: the machine's ceilings first, then the engine (a child process)
 * through the S3 API from a separate load-generator process, optionally a peer,
 * then the console; a table on the terminal and a JSON file.
 */

export interface BenchReport {
  date: string;
  machine: { cores: number; cpuModel: string; memoryBytes: number; node: string; platform: string };
  options: {
    phases: string[];
    quick: boolean;
    plan: BenchOptions["plan"];
    workDir: string;
    compare: string | null;
    signing: string;
  };
  ceilings: Measurements;
  engine: Measurements;
  peer: Measurements | null;
  figures: Figure[];
  console: ConsoleResult | null;
  summary: { pass: number; miss: number; missed: string[] };
  durationMs: number;
}

const signing =
  "SigV4 (signing key per day, checked against @smithy/signature-v4), UNSIGNED-PAYLOAD for object bodies, signed SHA-256 for XML bodies; raw keep-alive sockets, one per request in flight";

async function measureCeilings(options: BenchOptions, generator: LoadGenerator): Promise<Measurements> {
  const ceilings: Measurements = {};
  const { phases, plan, workDir } = options;
  if (["ceilings", "small", "large", "multipart", "copy"].some((phase) => phases.has(phase as never))) {
    Object.assign(ceilings, await measureDiskAndHash(path.join(workDir, "disk"), plan));
    log("ceilings: disk and hashing done");
  }
  if (!["small", "large", "mixed", "multipart"].some((phase) => phases.has(phase as never))) return ceilings;
  // The multipart figure is bounded by the large-object PUT ceiling.
  const objectPhases = new Set(phases);
  if (phases.has("multipart")) objectPhases.add("large");
  const sink = await startSinkServer();
  try {
    Object.assign(
      ceilings,
      await runPlainServer(generator, sink.spec, plan, objectPhases, plan.ceilingRepetitions, "sink"),
    );
    log("ceilings: the load generator against the sink server done");
  } finally {
    await sink.stop();
  }
  const server = await startCeilingServer(path.join(workDir, "ceiling-server"));
  try {
    Object.assign(
      ceilings,
      await runPlainServer(generator, server.spec, plan, objectPhases, plan.ceilingRepetitions, "raw"),
    );
    log(`ceilings: raw node:http server done (best of ${plan.ceilingRepetitions})`);
  } finally {
    await server.stop();
  }
  return ceilings;
}

async function measureEngine(
  options: BenchOptions,
  generator: LoadGenerator,
  bucketPrefix: string,
): Promise<Measurements> {
  const profileDir = options.profile ? path.join(path.dirname(options.outPath), "profiles") : null;
  let engine: RunningTarget | null = null;
  try {
    engine = await startEngineChild(
      path.join(options.workDir, "engine"),
      profileDir,
      preloadSpecs(bucketPrefix, options.plan, options.phases),
    );
    for (const { bucket, count, elapsedMs } of engine.preloaded)
      log(`engine: ${count} keys preloaded into ${bucket} in ${(elapsedMs / 1000).toFixed(1)} s`);
    log(`engine: child pid ${engine.pid} at ${engine.spec.url}`);
    return await runStore(
      generator,
      { name: "engine", target: engine.spec, pid: engine.pid, bucketPrefix, preloaded: engine.preloaded },
      options.plan,
      options.phases,
    );
  } catch (error) {
    if (engine) log(`engine output:\n${engine.output()}`);
    throw error;
  } finally {
    await engine?.stop();
    if (profileDir) log(`engine CPU profile in ${profileDir}`);
  }
}

async function measurePeer(
  options: BenchOptions,
  compare: CompareOptions,
  generator: LoadGenerator,
  bucketPrefix: string,
): Promise<Measurements> {
  const started = compare.url === s3rverPeer ? await startS3rver(path.join(options.workDir, "s3rver")) : null;
  const target = started ?? compareTarget(compare.url, compare.accessKeyId, compare.secretAccessKey, compare.region);
  if (started) log(`peer: s3rver (child pid ${started.pid}) at ${started.spec.url}`);
  try {
    return await runStore(
      generator,
      { name: "peer", target: target.spec, pid: started?.pid ?? 0, bucketPrefix, preloaded: [] },
      options.plan,
      peerPhases(options.phases),
    );
  } finally {
    await started?.stop();
  }
}

/** A peer is filled through S3 only: a million PUTs would take the run's whole hour, so it skips that phase. */
function peerPhases(phases: Set<PhaseName>): Set<PhaseName> {
  const kept = new Set(phases);
  if (kept.delete("million")) log("peer: the million phase is skipped (its keys would be written one PUT at a time)");
  return kept;
}

function summarise(figures: Figure[], consoleResult: ConsoleResult | null): BenchReport["summary"] {
  const targeted = [
    ...figures.flatMap((figure) => (figure.target ? [{ label: figure.label, pass: figure.target.pass }] : [])),
    ...(consoleResult ? consoleTargets(consoleResult) : []),
  ];
  const missed = targeted.filter((figure) => !figure.pass).map((figure) => figure.label);
  return { pass: targeted.length - missed.length, miss: missed.length, missed };
}

async function run(options: BenchOptions): Promise<BenchReport> {
  const startedMs = performance.now();
  fs.mkdirSync(options.workDir, { recursive: true });
  const generator = LoadGenerator.start();
  const bucketPrefix = `bench-${Date.now().toString(36)}`;
  try {
    const ceilings = await measureCeilings(options, generator);
    const engine = await measureEngine(options, generator, bucketPrefix);
    if (options.phases.has("degraded")) {
      Object.assign(
        engine,
        await measureDegraded(generator, options.plan, options.workDir, `${bucketPrefix}-degraded`),
      );
      log("engine: degraded (one volume of three down) done");
    }
    const compare = options.compare;
    const peer = compare ? await measurePeer(options, compare, generator, bucketPrefix) : null;
    const consoleResult = options.phases.has("console")
      ? await measureConsole(path.join(options.workDir, "console"), options.plan.renderConsole)
      : null;
    const figures = buildFigures(options.plan, ceilings, engine, peer);
    const cpus = os.cpus();
    return {
      date: new Date().toISOString(),
      machine: {
        cores: cpus.length,
        cpuModel: cpus[0]?.model ?? "unknown",
        memoryBytes: os.totalmem(),
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
      },
      options: {
        phases: [...options.phases],
        quick: options.quick,
        plan: options.plan,
        workDir: options.workDir,
        compare: compare?.url ?? null,
        signing,
      },
      ceilings,
      engine,
      peer,
      figures,
      console: consoleResult,
      summary: summarise(figures, consoleResult),
      durationMs: performance.now() - startedMs,
    };
  } finally {
    generator.stop();
    if (!options.keepData) fs.rmSync(options.workDir, { recursive: true, force: true });
  }
}

function print(report: BenchReport): void {
  console.log(
    `\nCarport bench, ${report.date}, ${report.machine.cores} cores (${report.machine.cpuModel}), ${report.machine.node}`,
  );
  console.log(`signing: ${report.options.signing}\n`);
  if (Object.keys(report.ceilings).length > 0) console.log(`${ceilingTable(report.ceilings)}\n`);
  if (report.figures.length > 0) console.log(`${figureTable(report.figures, report.peer !== null)}\n`);
  if (report.console) console.log(`${consoleTable(report.console)}\n`);
  const { pass, miss, missed } = report.summary;
  console.log(
    `targets: ${pass} PASS, ${miss} MISS${miss > 0 ? ` (${missed.join("; ")})` : ""}; ${(report.durationMs / 1000).toFixed(0)} s`,
  );
}

async function main(): Promise<void> {
  let options: BenchOptions;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  const report = await run(options);
  print(report);
  fs.mkdirSync(path.dirname(options.outPath), { recursive: true });
  fs.writeFileSync(options.outPath, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`results: ${options.outPath}`);
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
