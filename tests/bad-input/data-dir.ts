import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * "Nothing is written outside the data directory": the engine's files are all
 * under its data directory and named by the engine (hashes, ids, its database),
 * never by a client; and a marker a client put in a key appears nowhere on disk
 * near it.
 */

/** Files under `dataDir` whose names a client could have chosen (anything but the engine's own shapes). */
export function unexpectedFiles(dataDir: string): string[] {
  const unexpected: string[] = [];
  const engineNames = [
    /^[0-9a-f]{64}(\.[0-9a-f]+)?$/, // block files, their tmp and quarantine copies
    /^[0-9a-f]{2}$/, // block sub-directories
    /^(blocks|meta|tmp|quarantine|volume-id|node-id|node_key|node_key\.pub)$/,
    /^[a-z][a-z0-9_-]*\.(db|db-wal|db-shm|json|toml|lock|key|token)$/,
    /^[a-z][a-z0-9_-]*$/,
  ];
  const walk = (directory: string, depth: number) => {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      if (!engineNames.some((pattern) => pattern.test(entry.name))) unexpected.push(path.relative(dataDir, full));
      if (entry.isDirectory() && depth < 6) walk(full, depth + 1);
    }
  };
  walk(dataDir, 0);
  // A wrong path would find nothing wrong: the engine's own database must be there.
  if (!fs.existsSync(dataDir) || fs.readdirSync(dataDir).length === 0)
    throw new Error(`no data directory at ${dataDir}`);
  return unexpected;
}

/** Paths (near the data directory, the temp directory and the working directory) whose name contains `marker`. */
export function filesNamed(marker: string, dataDir: string): string[] {
  const found: string[] = [];
  const roots = new Set([path.dirname(dataDir), path.dirname(path.dirname(dataDir)), os.tmpdir(), process.cwd(), "/"]);
  const walk = (directory: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(directory, entry.name);
      if (entry.name.includes(marker)) found.push(full);
      if (entry.isDirectory() && !entry.isSymbolicLink() && depth > 0 && entry.name !== "node_modules")
        walk(full, depth - 1);
    }
  };
  for (const root of roots) walk(root, root === "/" ? 0 : 3);
  return found;
}
