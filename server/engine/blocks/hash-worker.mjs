// A hashing thread (see hash-threads.ts). Plain JavaScript so that it starts the same
// under tsx, vitest and node without a loader. It reads block bytes in place from the
// shared memory the event loop filled, and keeps each request's running MD5 (and, for
// a signed payload, its SHA-256) in the order the blocks arrive; a block to be
// stored gets its SHA-256 (its name) and CRC32C (its read check), in any order.
import crypto from "node:crypto";
import { parentPort } from "node:worker_threads";
import { crc32c } from "@node-rs/crc32";

/** Open requests' running hashes by session id. */
const sessions = new Map();

parentPort.on("message", (message) => {
  try {
    parentPort.postMessage(handle(message));
  } catch (error) {
    parentPort.postMessage({ seq: message.seq, error: error instanceof Error ? error.message : String(error) });
  }
});

function handle(message) {
  switch (message.op) {
    case "open":
      sessions.set(message.session, {
        md5: crypto.createHash("md5"),
        payloadSha256: message.payloadSha256 ? crypto.createHash("sha256") : null,
      });
      return { seq: message.seq };
    case "block": {
      const session = requireSession(message.session);
      const view = new Uint8Array(message.memory, message.offsetBytes, message.lengthBytes);
      session.md5.update(view);
      session.payloadSha256?.update(view);
      return { seq: message.seq };
    }
    case "digest": {
      const bytes = Buffer.from(message.memory, message.offsetBytes, message.lengthBytes);
      return {
        seq: message.seq,
        blockSha256: crypto.createHash("sha256").update(bytes).digest(),
        blockCrc32c: crc32c(bytes),
      };
    }
    case "finish": {
      const session = requireSession(message.session);
      sessions.delete(message.session);
      return {
        seq: message.seq,
        md5: session.md5.digest(),
        payloadSha256: session.payloadSha256 ? session.payloadSha256.digest() : null,
      };
    }
    case "drop":
      sessions.delete(message.session);
      return { seq: message.seq };
    default:
      throw new Error(`unknown hashing operation ${String(message.op)}`);
  }
}

function requireSession(id) {
  const session = sessions.get(id);
  if (!session) throw new Error(`no hashing session ${id}`);
  return session;
}
