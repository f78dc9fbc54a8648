import { maxFilesPerPick } from "@/lib/s3/limits";

/**
 * Files chosen for upload with the path they keep under the destination folder:
 * "notes.txt" for a file, "photos/2024/a.jpg" for one inside a chosen or dropped folder.
 * `refused` names what a drop held that cannot be uploaded (text, links, unreadable
 * entries) or what went past the limit, so the person is told instead of left guessing.
 */
export interface PickedFile {
  file: File;
  path: string;
}

export interface Picked {
  files: PickedFile[];
  refused: string[];
}

/** A file input's files; a directory picker gives each its path inside the chosen folder. */
export function pickedFromInput(list: FileList | null): Picked {
  const files = Array.from(list ?? []).map((file) => ({ file, path: file.webkitRelativePath || file.name }));
  return capped({ files, refused: [] });
}

/**
 * A drop's files and folders, folders walked whole. Entries must be taken during the
 * drop event itself (the browser empties the DataTransfer afterwards), so this reads
 * them synchronously and only then awaits the walk.
 */
export function pickedFromDrop(data: DataTransfer): Promise<Picked> {
  const entries: FileSystemEntry[] = [];
  const loose: File[] = [];
  const refused: string[] = [];
  for (const item of Array.from(data.items)) {
    if (item.kind !== "file") {
      refused.push(item.type === "text/uri-list" ? "a link" : "dropped text");
      continue;
    }
    const entry = item.webkitGetAsEntry();
    const file = entry ? null : item.getAsFile();
    if (entry) entries.push(entry);
    else if (file) loose.push(file);
    else refused.push("an item the browser would not hand over");
  }
  return walkAll(entries).then((walked) =>
    capped({
      files: [...loose.map((file) => ({ file, path: file.name })), ...walked.files],
      refused: [...new Set(refused)].concat(walked.refused),
    }),
  );
}

function capped(picked: Picked): Picked {
  if (picked.files.length <= maxFilesPerPick) return picked;
  const left = picked.files.length - maxFilesPerPick;
  return {
    files: picked.files.slice(0, maxFilesPerPick),
    refused: [...picked.refused, `${left} more files (at most ${maxFilesPerPick} go up at once)`],
  };
}

async function walkAll(entries: FileSystemEntry[]): Promise<Picked> {
  const picked: Picked = { files: [], refused: [] };
  for (const entry of entries) await walk(entry, picked);
  return picked;
}

async function walk(entry: FileSystemEntry, picked: Picked): Promise<void> {
  const path = entry.fullPath.replace(/^\/+/, "") || entry.name;
  if (isFile(entry)) {
    try {
      picked.files.push({ file: await fileOf(entry), path });
    } catch {
      picked.refused.push(`${path} (it could not be read)`);
    }
    return;
  }
  if (!isDirectory(entry)) {
    picked.refused.push(`${path} (neither a file nor a folder)`);
    return;
  }
  try {
    for (const child of await childrenOf(entry)) {
      if (picked.files.length > maxFilesPerPick) return;
      await walk(child, picked);
    }
  } catch {
    picked.refused.push(`${path}/ (the folder could not be read)`);
  }
}

function isFile(entry: FileSystemEntry): entry is FileSystemFileEntry {
  return entry.isFile;
}

function isDirectory(entry: FileSystemEntry): entry is FileSystemDirectoryEntry {
  return entry.isDirectory;
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** readEntries answers in batches (100 in Chromium) until it answers none. */
async function childrenOf(directory: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = directory.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}
