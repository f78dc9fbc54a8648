// A checking thread (see check-threads.ts). Plain JavaScript, as hash-worker.mjs, so that it
// starts the same under tsx, vitest and node without a loader. It answers the CRC32C of block
// bytes that a read put in shared memory, in place.
import { crc32c } from "@node-rs/crc32";
import { parentPort } from "node:worker_threads";

parentPort.on("message", (message) => {
  try {
    const bytes = Buffer.from(message.memory, message.offsetBytes, message.lengthBytes);
    parentPort.postMessage({ seq: message.seq, crc32c: crc32c(bytes) });
  } catch (error) {
    parentPort.postMessage({ seq: message.seq, error: error instanceof Error ? error.message : String(error) });
  }
});
