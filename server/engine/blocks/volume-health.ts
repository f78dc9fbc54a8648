import fsp from "node:fs/promises";
import fs from "node:fs";
import { isErrorCode, type Volume } from "./volume";

/**
 * Which volumes are up. Every volume is checked periodically (its directory,
 * its id file, that it still takes writes); a failed block operation asks for a
 * check at once. A volume that is down is inspected fully before it counts as up
 * again: its id must match (an empty directory put in its place is adopted under
 * the same id), its sub-directories are recreated and a probe write must succeed.
 *
 * An unmounted disk leaves an empty mount point, which is indistinguishable from
 * a replacement disk: both are adopted and refilled by the resync.
 */

export interface VolumeStatus {
  isUp: boolean;
  /** When the volume last passed a check; null when it has not since the engine started. */
  lastSeenMs: number | null;
  /** Why it is down (null when up). */
  downReason: string | null;
}

export interface VolumeHealthEvents {
  onDown?(volume: Volume, reason: string): void;
  /**
   * `needsRestore`: it was seen down (it may have missed writes) or its directory
   * was empty and has been made this volume again.
   */
  onUp?(volume: Volume, needsRestore: boolean): void;
}

interface State extends VolumeStatus {
  checking: Promise<void> | null;
  /** false until a first check has decided (volumes the engine opens without touching the disk). */
  verified: boolean;
  sawDown: boolean;
}

/** Errors that say the disk, not the request, is at fault. */
const diskFailureCodes = new Set(["EIO", "EROFS", "ENOENT", "ENOTDIR", "EACCES", "EPERM", "ENODEV", "ENXIO", "ESTALE"]);

export class VolumeHealth {
  private readonly states = new Map<string, State>();
  private timer: NodeJS.Timeout | null = null;
  private events: VolumeHealthEvents = {};

  constructor(
    private readonly volumes: () => readonly Volume[],
    private readonly checkIntervalMs: number,
  ) {}

  setEvents(events: VolumeHealthEvents): void {
    this.events = events;
  }

  start(): void {
    this.timer = setInterval(() => void this.checkAll(), this.checkIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Checks every volume once (on start, before the engine serves, and then periodically). */
  async checkAll(): Promise<void> {
    await Promise.all(this.volumes().map((volume) => this.check(volume)));
  }

  /** A volume opened without touching its disk: down until a first inspection passes. */
  trackUnverified(volume: Volume): void {
    this.states.set(volume.id, {
      isUp: false,
      lastSeenMs: null,
      downReason: "not checked yet",
      checking: null,
      verified: false,
      sawDown: false,
    });
  }

  isUp(volumeId: string): boolean {
    return this.states.get(volumeId)?.isUp ?? true;
  }

  status(volumeId: string): VolumeStatus {
    const state = this.states.get(volumeId);
    if (!state) return { isUp: true, lastSeenMs: null, downReason: null };
    return { isUp: state.isUp, lastSeenMs: state.lastSeenMs, downReason: state.downReason };
  }

  /**
   * A block operation failed on this volume. An I/O error marks it down at once
   * (it must pass a probe write to come back); other disk errors trigger a check.
   */
  reportFailure(volume: Volume, error: unknown): void {
    const code = error instanceof Error && "code" in error ? String(error.code) : "";
    if (!diskFailureCodes.has(code)) return;
    if (code === "EIO") this.markDown(volume, this.stateOf(volume), `I/O error: ${(error as Error).message}`);
    void this.check(volume);
  }

  /** Runs one check of the volume; concurrent callers share it. */
  check(volume: Volume): Promise<void> {
    const state = this.stateOf(volume);
    state.checking ??= (state.isUp ? this.checkUp(volume, state) : this.inspectDown(volume, state)).finally(() => {
      state.checking = null;
    });
    return state.checking;
  }

  private stateOf(volume: Volume): State {
    let state = this.states.get(volume.id);
    if (!state) {
      state = { isUp: true, lastSeenMs: null, downReason: null, checking: null, verified: true, sawDown: false };
      this.states.set(volume.id, state);
    }
    return state;
  }

  /** The cheap check of a volume in service: its id file and, if writable, write access. */
  private async checkUp(volume: Volume, state: State): Promise<void> {
    const problem = await identityProblem(volume);
    if (problem) return this.markDown(volume, state, problem);
    state.lastSeenMs = Date.now();
  }

  /** The full inspection of a volume that is down: adopt an empty directory, recreate, probe. */
  private async inspectDown(volume: Volume, state: State): Promise<void> {
    let adopted = false;
    try {
      const id = await volume.readIdFile();
      if (id === null) {
        const entries = await fsp.readdir(volume.root);
        if (entries.length > 0) throw new Error("the directory has no volume-id and is not empty: not adopted");
        await volume.adoptEmptyDirectory();
        adopted = true;
      }
      const problem = await identityProblem(volume);
      if (problem) throw new Error(problem);
      if (!volume.readOnly) {
        await volume.prepareDirectoriesAsync();
        await volume.probeWrite();
      }
    } catch (error) {
      const firstVerdict = !state.verified;
      Object.assign(state, { verified: true, sawDown: true });
      state.downReason = error instanceof Error ? error.message : String(error);
      if (firstVerdict) this.events.onDown?.(volume, state.downReason);
      return;
    }
    const needsRestore = adopted || state.sawDown;
    Object.assign(state, { isUp: true, verified: true, sawDown: false, lastSeenMs: Date.now(), downReason: null });
    this.events.onUp?.(volume, needsRestore);
  }

  private markDown(volume: Volume, state: State, reason: string): void {
    const wasUp = state.isUp;
    Object.assign(state, { isUp: false, sawDown: true, downReason: reason });
    if (wasUp) this.events.onDown?.(volume, reason);
  }
}

/** Why the volume cannot serve (null when it can): a missing directory, another volume's id, a read-only disk. */
async function identityProblem(volume: Volume): Promise<string | null> {
  try {
    const id = await volume.readIdFile();
    if (id === null) return "the directory has no volume-id";
    if (id !== volume.id) return `the directory holds volume ${id.slice(0, 16)}, not ${volume.id.slice(0, 16)}`;
    if (!volume.readOnly) await fsp.access(volume.root, fs.constants.W_OK);
    return null;
  } catch (error) {
    if (isErrorCode(error, "ENOENT")) return "the directory is missing";
    if (isErrorCode(error, "EROFS")) return "the filesystem is read-only";
    return error instanceof Error ? error.message : String(error);
  }
}
