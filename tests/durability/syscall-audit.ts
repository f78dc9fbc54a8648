import path from "node:path";

/**
 * Reads an `strace -f` log of the engine and answers, for every HTTP response it
 * wrote, whether everything the engine had written under its data directory by
 * then was durable: file contents fsynced (or fdatasynced), and every new name
 * (a created file, the target of a rename) fsynced in its directory. A response
 * whose status line went out while something was not durable is a violation:
 * a power cut right after it would lose what the client was told is stored.
 *
 * The model: fds map to paths (openat, close); writes, pwrites and truncations
 * dirty a path's data; fsync/fdatasync of an fd on that path cleans it; creating
 * or renaming onto a name dirties that entry of its directory, which an fsync of
 * the directory cleans. Renames carry a file's dirty data to its new name. SQLite's
 * -shm file is shared memory by design, never durable state, and is left out.
 */

export interface Ack {
  /** The 1-based index of the response in the log. */
  index: number;
  status: number;
  /** What was not durable when the status line was written (dirtied since the previous response). */
  notDurable: string[];
}

export interface AuditOptions {
  /** Only paths under this directory are audited. */
  root: string;
  /** Paths that existed before the log began (opening them with O_CREAT creates nothing). */
  existing: Iterable<string>;
  /** The engine's working directory, for relative paths. */
  cwd?: string;
  /** Files the process had open before the log began (from /proc/<pid>/fd): the database, its WAL. */
  openFds?: ReadonlyMap<number, string>;
}

const callLine = /^(?:\[pid\s+)?(\d+)\]?\s+(.*)$/;
/** A final response's status line (an interim "100 Continue" acknowledges nothing). */
const ackWrite =
  /^(?:write|writev|sendmsg|sendto)\(\d+, (?:\[\{iov_base=|\{msg_name=.*?iov_base=)?"HTTP\/1\.1 ([2-5]\d\d) /;

interface Pending {
  text: string;
}

export class SyscallAudit {
  private readonly fds = new Map<number, string>();
  private readonly existing: Set<string>;
  /** path -> how many responses had been written when it was last dirtied */
  private readonly dirtyData = new Map<string, number>();
  /** entry path -> how many responses had been written when it was created */
  private readonly dirtyEntries = new Map<string, number>();
  private readonly pending = new Map<string, Pending>();
  private responses = 0;
  readonly acks: Ack[] = [];

  constructor(private readonly options: AuditOptions) {
    this.existing = new Set([...options.existing].map((item) => path.resolve(item)));
    for (const [fd, file] of options.openFds ?? []) this.fds.set(fd, file);
  }

  /** Feeds one line of the log, in order. */
  line(raw: string): void {
    const match = callLine.exec(raw.trim());
    if (!match) return;
    const [, pid, rest] = match;
    if (rest.includes("<unfinished ...>")) {
      const entry = rest.replace(/\s*<unfinished \.\.\.>$/, "");
      this.onEntry(entry);
      this.pending.set(pid, { text: entry });
      return;
    }
    const resumed = /^<\.\.\. (\w+) resumed>(.*)$/.exec(rest);
    if (resumed) {
      const started = this.pending.get(pid);
      this.pending.delete(pid);
      if (started) this.onComplete(`${started.text}${resumed[2]}`);
      return;
    }
    this.onEntry(rest);
    this.onComplete(rest);
  }

  private resolve(file: string): string {
    return path.resolve(this.options.cwd ?? "/", file);
  }

  private audited(file: string): boolean {
    const relative = path.relative(this.options.root, file);
    return !relative.startsWith("..") && !path.isAbsolute(relative) && !file.endsWith("-shm");
  }

  /** The status line is on its way at the call's entry: the client may have it before the call returns. */
  private onEntry(call: string): void {
    const ack = ackWrite.exec(call);
    if (!ack) return;
    this.responses += 1;
    const since = this.responses - 1;
    const notDurable = [
      ...[...this.dirtyData].filter(([, at]) => at === since).map(([file]) => `data of ${file}`),
      ...[...this.dirtyEntries].filter(([, at]) => at === since).map(([entry]) => `name ${entry}`),
    ];
    // Each response answers for what was dirtied since the previous one; older dirt was someone else's.
    this.acks.push({ index: this.responses, status: Number(ack[1]), notDurable });
  }

  private onComplete(call: string): void {
    const result = /\)\s+=\s+(-?\d+)/.exec(call);
    if (!result || Number(result[1]) < 0) return;
    const value = Number(result[1]);
    const name = /^(\w+)\(/.exec(call)?.[1] ?? "";
    const strings = [...call.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((found) => found[1]);
    const firstFd = Number(/^\w+\((\d+)/.exec(call)?.[1] ?? Number.NaN);
    switch (name) {
      case "openat":
      case "open":
        return this.onOpen(call, strings[0], value);
      case "close":
        this.fds.delete(firstFd);
        return;
      case "write":
      case "pwrite64":
      case "writev":
      case "pwritev":
      case "pwritev2":
      case "ftruncate":
      case "fallocate":
        return this.dirty(this.fds.get(firstFd));
      case "fsync":
      case "fdatasync":
        return this.sync(this.fds.get(firstFd));
      case "rename":
      case "renameat":
      case "renameat2":
        return this.onRename(this.resolve(strings[0]), this.resolve(strings[1]));
      case "unlink":
      case "unlinkat":
      case "rmdir":
        return this.forget(this.resolve(strings[0]));
      case "mkdir":
      case "mkdirat":
        return this.created(this.resolve(strings[0]));
    }
  }

  private onOpen(call: string, file: string | undefined, fd: number): void {
    if (file === undefined) return;
    const resolved = this.resolve(file);
    this.fds.set(fd, resolved);
    const creates = /O_CREAT/.test(call);
    const exclusive = /O_EXCL/.test(call);
    if (creates && (exclusive || !this.existing.has(resolved))) this.created(resolved);
    if (/O_TRUNC/.test(call)) this.dirty(resolved);
  }

  private created(file: string): void {
    this.existing.add(file);
    if (this.audited(file)) this.dirtyEntries.set(file, this.responses);
  }

  private forget(file: string): void {
    this.existing.delete(file);
    this.dirtyEntries.delete(file);
    this.dirtyData.delete(file);
  }

  private dirty(file: string | undefined): void {
    if (file !== undefined && this.audited(file)) this.dirtyData.set(file, this.responses);
  }

  private sync(file: string | undefined): void {
    if (file === undefined) return;
    this.dirtyData.delete(file);
    // An fsync of a directory makes the names in it durable.
    for (const entry of [...this.dirtyEntries.keys()])
      if (path.dirname(entry) === file) this.dirtyEntries.delete(entry);
  }

  private onRename(from: string, to: string): void {
    const data = this.dirtyData.get(from);
    this.forget(from);
    this.existing.add(to);
    if (data !== undefined) this.dirtyData.set(to, data);
    if (this.audited(to)) this.dirtyEntries.set(to, this.responses);
  }
}

export function auditLog(text: string, options: AuditOptions): Ack[] {
  const audit = new SyscallAudit(options);
  for (const line of text.split("\n")) audit.line(line);
  return audit.acks;
}
