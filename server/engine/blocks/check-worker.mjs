// A checking thread (see check-thread.ts). Plain JavaScript, as hash-worker.mjs, so that it
// starts the same under tsx, vitest and node without a loader. It answers the CRC32C of block
// bytes in shared memory, in place; given a file, it first reads the block's file into them
// (open, read, close: plain system calls on this thread, no round trip through libuv's pool);
// given a list of files, it answers which exist.
import { crc32c } from "@node-rs/crc32";
import fs from "node:fs";
import { parentPort } from "node:worker_threads";

/** Reads the whole file (up to the view's length) into the view; returns the bytes read. */
function readFileInto(file, bytes) {
  const fd = fs.openSync(file, "r");
  try {
    let readBytes = 0;
    while (readBytes < bytes.length) {
      const n = fs.readSync(fd, bytes, readBytes, bytes.length - readBytes, readBytes);
      if (n === 0) break;
      readBytes += n;
    }
    return readBytes;
  } finally {
    fs.closeSync(fd);
  }
}

/** Whether each file exists (any failure to reach it counts as absent, as Volume.has). */
function present(files) {
  return files.map((file) => {
    try {
      fs.accessSync(file);
      return true;
    } catch {
      return false;
    }
  });
}

parentPort.on("message", (message) => {
  try {
    if (message.files !== undefined)
      return parentPort.postMessage({ seq: message.seq, present: present(message.files) });
    const bytes = Buffer.from(message.memory, message.offsetBytes, message.lengthBytes);
    if (message.file === undefined) return parentPort.postMessage({ seq: message.seq, crc32c: crc32c(bytes) });
    const readBytes = readFileInto(message.file, bytes);
    parentPort.postMessage({ seq: message.seq, readBytes, crc32c: crc32c(bytes.subarray(0, readBytes)) });
  } catch (error) {
    const code = error instanceof Error && typeof error.code === "string" ? error.code : undefined;
    parentPort.postMessage({ seq: message.seq, error: error instanceof Error ? error.message : String(error), code });
  }
});
