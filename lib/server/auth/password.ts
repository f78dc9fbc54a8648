import "server-only";
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * Password hashes: scrypt from node:crypto, stored as `scrypt$N$r$p$salt$hash` (base64)
 * so the cost can be raised later without breaking existing hashes.
 */
const costN = 16384;
const blockSizeR = 8;
const parallelP = 1;
const saltBytes = 16;
const hashBytes = 32;
// 128 * N * r bytes are needed; leave headroom above Node's 32 MiB default.
const maxMemoryBytes = 64 * 1024 * 1024;

function deriveKey(password: string, salt: Buffer, lengthBytes: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, lengthBytes, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(saltBytes);
  const key = await deriveKey(password, salt, hashBytes, {
    N: costN,
    r: blockSizeR,
    p: parallelP,
    maxmem: maxMemoryBytes,
  });
  return ["scrypt", costN, blockSizeR, parallelP, salt.toString("base64"), key.toString("base64")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], "base64");
  const expected = Buffer.from(parts[5], "base64");
  if (![n, r, p].every(Number.isSafeInteger) || expected.length === 0) return false;
  const actual = await deriveKey(password, salt, expected.length, { N: n, r, p, maxmem: maxMemoryBytes });
  return timingSafeEqual(actual, expected);
}
