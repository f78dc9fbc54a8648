import { type ChildProcess, fork, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Job, ResultOf } from "./loadgen/jobs";
import type { JobMessage, ReplyMessage } from "./loadgen/worker";

/**
 * The bench's child processes: each runs TypeScript through `node --import tsx`
 * (one process, unlike the tsx CLI which forks again) so the pid we sample for RSS
 * is the program itself.
 */

export const repoRoot = path.resolve(import.meta.dirname, "..");
const startTimeoutMs = 60_000;
const stopTimeoutMs = 15_000;

export interface Child {
  process: ChildProcess;
  pid: number;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts `node --import tsx script` and resolves once a stdout line matches `ready`. */
export async function startTsChild(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  nodeFlags: string[] = [],
): Promise<{ child: Child; match: RegExpMatchArray }> {
  const child = spawn(process.execPath, [...nodeFlags, "--import", "tsx", script, ...args], {
    cwd: repoRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${script} did not start within ${startTimeoutMs} ms:\n${output}`)),
      startTimeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const found = ready.exec(output);
      if (!found) return;
      clearTimeout(timer);
      resolve(found);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.once("exit", (code) => (clearTimeout(timer), reject(new Error(`${script} exited with ${code}:\n${output}`))));
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), stopTimeoutMs);
    await exited;
    clearTimeout(timer);
  };
  return { child: { process: child, pid: child.pid ?? 0, output: () => output, stop }, match };
}

/** The load generator: a forked process that runs jobs one at a time. */
export class LoadGenerator {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  private constructor(private readonly child: ChildProcess) {
    child.on("message", (message: ReplyMessage) => {
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(message.error));
    });
    child.once("exit", (code) => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`the load generator exited with ${code}`));
      this.pending.clear();
    });
  }

  static start(): LoadGenerator {
    const script = path.join(repoRoot, "bench", "loadgen", "worker.ts");
    return new LoadGenerator(
      fork(script, [], {
        cwd: repoRoot,
        execArgv: ["--import", "tsx"],
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      }),
    );
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  run<J extends Job>(job: J): Promise<ResultOf<J>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: (value) => resolve(value as ResultOf<J>), reject });
      this.child.send({ id, job } satisfies JobMessage);
    });
  }

  stop(): void {
    if (this.child.connected) this.child.disconnect();
  }
}

/** The resident set of a process in bytes, from /proc (Linux). */
export function rssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

/** Samples a process's RSS every intervalMs until stopped; returns the peak. */
export function sampleRss(pid: number, intervalMs: number): { stop: () => { peakBytes: number; samples: number } } {
  let peakBytes = 0;
  let samples = 0;
  const take = () => {
    try {
      peakBytes = Math.max(peakBytes, rssBytes(pid));
      samples += 1;
    } catch {
      // The process is gone: the peak so far stands.
    }
  };
  take();
  const timer = setInterval(take, intervalMs);
  return { stop: () => (clearInterval(timer), take(), { peakBytes, samples }) };
}
