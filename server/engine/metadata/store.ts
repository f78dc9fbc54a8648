import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { assert } from "../../util/assert";
import { EngineError } from "../errors";
import { limits } from "../../util/limits";
import { DurableCommits, openWalFile, type WalFile } from "./durable-commits";
import { type Entry, type RangeOptions, type TextKeyEntry, type TreeName, type WriteTx, treeNames } from "./trees";

export * from "./trees";

/**
 * The metadata database behind a small key/value + transaction interface.
 * Each tree is a table of byte-ordered keys (BLOB keys compare by bytes, as S3
 * orders keys). Writes are group-committed: every write queued during one turn of
 * the event loop commits in one transaction, so one fsync covers many requests,
 * and each write is acknowledged only once that commit is durable. The fsync of
 * the WAL runs on the thread pool (durable-commits.ts): a commit is visible to
 * readers before it is durable, so whatever acts on what it read outside the
 * database (a response, deleting a block file) waits for `whenAllDurable` first.
 */

interface Statements {
  /** Plucked: returns the value itself, not a row object around it. */
  get: Database.Statement<[Buffer], Buffer>;
  put: Database.Statement<[Buffer, Buffer]>;
  del: Database.Statement<[Buffer]>;
  /** In raw mode: each row comes back as its [k, v] array, no object built per row. */
  ranges: Map<string, Database.Statement<unknown[], Entry>>;
  counts: Map<string, Database.Statement<unknown[], { n: number }>>;
  textKeyRanges: Map<string, Database.Statement<unknown[], TextKeyEntry>>;
}

/** The transaction statements of every group commit, prepared once instead of parsed per write. */
interface TransactionStatements {
  begin: Database.Statement;
  commit: Database.Statement;
  savepoint: Database.Statement;
  release: Database.Statement;
  rollbackToSavepoint: Database.Statement;
}

interface QueuedWrite {
  run: (tx: WriteTx) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * better-sqlite3's binary for another Node than the one it was installed with:
 * set only by `npm test`'s Node 24 pass (scripts/lib/node24.ts).
 */
function sqliteOptions(): Database.Options {
  const nativeBinding = process.env.CARPORT_SQLITE_BINDING;
  return nativeBinding ? { nativeBinding } : {};
}

/**
 * Trees whose rows written by commits not yet durable are remembered (`isDurable`):
 * the block collector deletes a block only once its missing reference is durable.
 */
const durabilityTrackedTrees: readonly TreeName[] = ["block_ref"];

export interface MetadataStoreOptions {
  /** false only for tests and benchmarks that say so: acknowledged writes may then be lost on power failure. */
  fsync: boolean;
  /** How the WAL is opened for its fsyncs (tests hold an fsync back to see what waits for it). */
  openWal?: (walPath: string) => WalFile;
}

/**
 * Trees every request reads (its key's secret and permissions, its bucket and the
 * aliases that name it) and that stay small: their rows are kept in memory, misses
 * too. A row is dropped from memory when a write touches it, and rows read inside
 * a write transaction are never kept (it may still roll back), so memory only ever
 * holds committed rows. This process is the database's only writer.
 */
const cachedTrees: readonly TreeName[] = [
  "bucket",
  "global_alias",
  "local_alias",
  "access_key",
  "perm_by_bucket",
  "perm_by_key",
  "bucket_access",
];

export class MetadataStore implements WriteTx {
  private readonly db: Database.Database;
  private readonly statements = new Map<TreeName, Statements>();
  private readonly transaction: TransactionStatements;
  private readonly cache = new Map<TreeName, Map<string, Buffer | undefined>>(
    cachedTrees.map((tree) => [tree, new Map()]),
  );
  /** Per tracked row, the commit that last wrote it (rows of commits already durable are dropped). */
  private readonly pendingRows = new Map<string, number>();
  private queue: QueuedWrite[] = [];
  private flushScheduled = false;
  private closed = false;

  private constructor(
    db: Database.Database,
    private readonly commits: DurableCommits,
  ) {
    this.db = db;
    for (const tree of treeNames) this.statements.set(tree, this.prepareTree(tree));
    this.transaction = {
      begin: db.prepare("BEGIN IMMEDIATE"),
      commit: db.prepare("COMMIT"),
      savepoint: db.prepare("SAVEPOINT op"),
      release: db.prepare("RELEASE op"),
      rollbackToSavepoint: db.prepare("ROLLBACK TO op"),
    };
  }

  static open(directory: string, options: MetadataStoreOptions): MetadataStore {
    fs.mkdirSync(directory, { recursive: true });
    const file = path.join(directory, "carport.db");
    const db = new Database(file, sqliteOptions());
    // Exclusive before the first WAL access: this process is the database's only user, so the WAL
    // index lives in its heap and a transaction takes no file lock (two fcntl calls per read saved).
    db.pragma("locking_mode = EXCLUSIVE");
    db.pragma("journal_mode = WAL");
    // NORMAL: a commit writes the WAL without an fsync (a crash can only lose the latest
    // commits, never tear one); DurableCommits fsyncs the WAL off the event loop and a
    // write resolves only once that fsync covers its commit. Checkpoints still fsync.
    db.pragma(`synchronous = ${options.fsync ? "NORMAL" : "OFF"}`);
    db.pragma(`busy_timeout = ${limits.metadataBusyTimeoutMs}`);
    // A negative cache_size is in KiB.
    db.pragma(`cache_size = -${limits.metadataCacheBytes / 1024}`);
    db.pragma(`wal_autocheckpoint = ${limits.metadataWalAutocheckpointPages}`);
    for (const tree of treeNames) {
      db.exec(`CREATE TABLE IF NOT EXISTS t_${tree} (k BLOB PRIMARY KEY, v BLOB NOT NULL) WITHOUT ROWID`);
    }
    // The WAL exists from the first statement on, and stays (the same file) until the database closes.
    const openWal = options.openWal ?? openWalFile;
    return new MetadataStore(db, new DurableCommits(options.fsync ? openWal(`${file}-wal`) : null));
  }

  private prepareTree(tree: TreeName): Statements {
    const table = `t_${tree}`;
    return {
      get: this.db.prepare<[Buffer], Buffer>(`SELECT v FROM ${table} WHERE k = ?`).pluck(),
      put: this.db.prepare<[Buffer, Buffer]>(`INSERT OR REPLACE INTO ${table} (k, v) VALUES (?, ?)`),
      del: this.db.prepare<[Buffer]>(`DELETE FROM ${table} WHERE k = ?`),
      ranges: new Map(),
      counts: new Map(),
      textKeyRanges: new Map(),
    };
  }

  private tree(tree: TreeName): Statements {
    const statements = this.statements.get(tree);
    assert(statements, `unknown tree ${tree}`);
    return statements;
  }

  get(tree: TreeName, key: Buffer): Buffer | undefined {
    const cache = this.cache.get(tree);
    if (!cache) return this.tree(tree).get.get(key);
    const id = key.toString("latin1");
    if (cache.has(id)) return cache.get(id);
    const value = this.tree(tree).get.get(key);
    if (!this.db.inTransaction) {
      if (cache.size >= limits.metadataCachedRowsPerTree) cache.clear();
      cache.set(id, value);
    }
    return value;
  }

  range(tree: TreeName, options: RangeOptions): Entry[] {
    assert(options.limit > 0, "range needs a positive limit");
    const { where, params } = rangeWhere(options);
    const shape = `${where}|${options.reverse ? "desc" : "asc"}`;
    const statements = this.tree(tree);
    let statement = statements.ranges.get(shape);
    if (!statement) {
      statement = this.db
        .prepare<unknown[], Entry>(
          `SELECT k, v FROM t_${tree} ${where} ORDER BY k ${options.reverse ? "DESC" : "ASC"} LIMIT ?`,
        )
        .raw(true);
      statements.ranges.set(shape, statement);
    }
    return statement.all(...params, options.limit);
  }

  /**
   * range() over keys that are UTF-8 text after `prefixBytes` binary bytes (object keys after
   * their bucket id, always written from JS strings): SQLite gives each key back as text
   * without its prefix, so a listing builds one string per row instead of a Buffer and then
   * a string (a quarter of its reads' cost).
   */
  rangeTextKeys(tree: TreeName, options: RangeOptions, prefixBytes: number): TextKeyEntry[] {
    assert(options.limit > 0 && Number.isSafeInteger(prefixBytes) && prefixBytes >= 0, "bad text-key range");
    const { where, params } = rangeWhere(options);
    const order = options.reverse ? "DESC" : "ASC";
    const shape = `${prefixBytes}|${where}|${order}`;
    const statements = this.tree(tree);
    let statement = statements.textKeyRanges.get(shape);
    if (!statement) {
      const key = `CAST(substr(k, ${prefixBytes + 1}) AS TEXT)`;
      statement = this.db
        .prepare<unknown[], TextKeyEntry>(`SELECT ${key}, v FROM t_${tree} ${where} ORDER BY k ${order} LIMIT ?`)
        .raw(true);
      statements.textKeyRanges.set(shape, statement);
    }
    return statement.all(...params, options.limit);
  }

  count(tree: TreeName, options: Omit<RangeOptions, "limit" | "reverse">): number {
    const { where, params } = rangeWhere(options);
    const statements = this.tree(tree);
    let statement = statements.counts.get(where);
    if (!statement) {
      statement = this.db.prepare(`SELECT count(*) AS n FROM t_${tree} ${where}`);
      statements.counts.set(where, statement);
    }
    return statement.get(...params)?.n ?? 0;
  }

  /** Only valid inside a write callback. */
  put(tree: TreeName, key: Buffer, value: Buffer): void {
    assert(this.db.inTransaction, "put outside a write transaction");
    this.touch(tree, key);
    this.tree(tree).put.run(key, value);
  }

  /** Only valid inside a write callback. */
  delete(tree: TreeName, key: Buffer): void {
    assert(this.db.inTransaction, "delete outside a write transaction");
    this.touch(tree, key);
    this.tree(tree).del.run(key);
  }

  private touch(tree: TreeName, key: Buffer): void {
    this.cache.get(tree)?.delete(key.toString("latin1"));
    if (durabilityTrackedTrees.includes(tree)) this.pendingRows.set(rowId(tree, key), this.commits.nextSeq);
  }

  /** Whether the row as readers see it now is durable (no commit that wrote it is still waiting for its fsync). */
  isDurable(tree: TreeName, key: Buffer): boolean {
    assert(durabilityTrackedTrees.includes(tree), `tree ${tree} is not tracked for durability`);
    const seq = this.pendingRows.get(rowId(tree, key));
    return seq === undefined || this.commits.isDurable(seq);
  }

  /** Resolves once every commit visible now is durable; null when they all are already. */
  whenAllDurable(): Promise<void> | null {
    return this.commits.whenAllDurable();
  }

  /**
   * Runs `run` atomically with respect to every other write and resolves once the
   * transaction holding it is durable. A throw inside `run` rolls back only its own
   * changes and rejects only its own promise.
   */
  write<T>(run: (tx: WriteTx) => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error("metadata store is closed"));
    const failure = this.commits.recover(() => this.checkpointWholeWal()) ? null : this.commits.failure;
    if (failure) return Promise.reject(new EngineError("StorageError", failure.message));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run, resolve: resolve as (value: unknown) => void, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    this.forgetDurableRows();
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      this.transaction.begin.run();
      for (const item of batch) outcomes.push(this.runInSavepoint(item));
      this.transaction.commit.run();
    } catch (error) {
      if (this.db.inTransaction) this.db.exec("ROLLBACK");
      // Its number is spent all the same, so the rows it touched stop being pending once the next fsync returns.
      this.commits.committed(() => undefined);
      const reason = asStorageError(error);
      for (const item of batch) item.reject(reason);
      return;
    }
    this.commits.committed((syncError) => {
      const failure = syncError ? new EngineError("StorageError", syncError.message) : null;
      batch.forEach((item, index) => {
        const outcome = outcomes[index];
        if (failure) item.reject(failure);
        else if (outcome.ok) item.resolve(outcome.value);
        else item.reject(outcome.error);
      });
    });
  }

  /** Copies the whole WAL into the database file, fsynced, and empties it; false when it could not. */
  private checkpointWholeWal(): boolean {
    if (this.db.inTransaction) return false;
    const [outcome] = this.db.pragma("wal_checkpoint(TRUNCATE)") as Array<{
      busy: number;
      log: number;
      checkpointed: number;
    }>;
    return outcome !== undefined && outcome.busy === 0 && outcome.log === outcome.checkpointed;
  }

  private forgetDurableRows(): void {
    for (const [id, seq] of this.pendingRows) if (this.commits.isDurable(seq)) this.pendingRows.delete(id);
  }

  private runInSavepoint(item: QueuedWrite): { ok: true; value: unknown } | { ok: false; error: unknown } {
    this.transaction.savepoint.run();
    try {
      const value = item.run(this);
      this.transaction.release.run();
      return { ok: true, value };
    } catch (error) {
      this.transaction.rollbackToSavepoint.run();
      this.transaction.release.run();
      return { ok: false, error: asStorageError(error) };
    }
  }

  /** A consistent copy of the database (CreateMetadataSnapshot). */
  async snapshot(destinationFile: string): Promise<void> {
    await this.db.backup(destinationFile);
  }

  /** Writes queued for the next group commit. */
  get pendingWrites(): number {
    return this.queue.length;
  }

  fileSizeBytes(): number {
    const row = this.db
      .prepare<[], { size: number }>(
        "SELECT page_count * page_size AS size FROM pragma_page_count(), pragma_page_size()",
      )
      .get();
    return row?.size ?? 0;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.queue.length > 0) this.flush();
    this.commits.close();
    this.db.close();
  }
}

function rowId(tree: TreeName, key: Buffer): string {
  return `${tree}:${key.toString("latin1")}`;
}

function rangeWhere(options: Omit<RangeOptions, "limit" | "reverse">): { where: string; params: Buffer[] } {
  const clauses: string[] = [];
  const params: Buffer[] = [];
  if (options.after) {
    clauses.push("k > ?");
    params.push(options.after);
  } else if (options.start) {
    clauses.push("k >= ?");
    params.push(options.start);
  }
  if (options.end) {
    clauses.push("k < ?");
    params.push(options.end);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(" AND ")}` : "", params };
}

/**
 * SQLite's own failures as engine errors: a full disk is InsufficientStorage (the
 * client may retry once space is freed), an I/O error a StorageError; anything else
 * (an EngineError thrown by a write's own checks) passes unchanged.
 */
function asStorageError(error: unknown): unknown {
  if (!(error instanceof Database.SqliteError)) return error;
  if (error.code === "SQLITE_FULL")
    return new EngineError("InsufficientStorage", "The metadata disk is full.", { sqlite: error.code });
  if (error.code.startsWith("SQLITE_IOERR") || error.code === "SQLITE_CORRUPT")
    return new EngineError("StorageError", `The metadata database failed: ${error.message}`, { sqlite: error.code });
  return error;
}
