import crypto from "node:crypto";
import { Readable } from "node:stream";

/**
 * Deterministic bodies: AES-256-CTR keystream under a key derived from a label, so
 * a test can regenerate (and hash) any body it sent instead of storing it, and two
 * labels never share a block (which would hide a lost block behind deduplication).
 */

const chunkBytes = 1024 * 1024;

function keystream(label: string): ReturnType<typeof crypto.createCipheriv> {
  const key = crypto.createHash("sha256").update(`carport-seeded:${label}`).digest();
  return crypto.createCipheriv("aes-256-ctr", key, Buffer.alloc(16));
}

/** The first `sizeBytes` of the label's stream, in memory (test bodies of a few MiB). */
export function seededBytes(label: string, sizeBytes: number): Buffer {
  return keystream(label).update(Buffer.alloc(sizeBytes));
}

/** The same bytes as `seededBytes`, streamed in 1 MiB chunks, for large files. */
export function seededStream(label: string, sizeBytes: number): Readable {
  const cipher = keystream(label);
  let remaining = sizeBytes;
  return new Readable({
    read() {
      if (remaining === 0) {
        this.push(null);
        return;
      }
      const length = Math.min(chunkBytes, remaining);
      remaining -= length;
      this.push(cipher.update(Buffer.alloc(length)));
    },
  });
}

export function sha256Hex(data: Buffer): string {
  return crypto.createHash("sha256").update(data).digest("hex");
}
