/** The HMAC-SHA256 primitives of SigV4, on node:crypto only. */
import { createHmac, hash, timingSafeEqual } from "node:crypto";

export const ALGORITHM = "AWS4-HMAC-SHA256";
/** SHA-256 of the empty string: the chunk string-to-sign carries it as a fixed field. */
export const EMPTY_SHA256_HEX = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** One-shot: no Hash object per call (a third of createHash's cost for a canonical request). */
export function sha256Hex(data: string | Buffer): string {
  return hash("sha256", data, "hex");
}

export function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

export function hmacHex(key: Buffer, data: string): string {
  return createHmac("sha256", key).update(data, "utf8").digest("hex");
}

/**
 * Constant-time comparison of two hex signatures, so the time taken leaks nothing
 * about how many leading characters of a forged signature were right. Callers
 * have already checked that `provided` is 64 hex digits; the length check stays
 * because timingSafeEqual throws on unequal lengths.
 */
export function signaturesEqual(expectedHex: string, providedHex: string): boolean {
  const expected = Buffer.from(expectedHex, "hex");
  const provided = Buffer.from(providedHex, "hex");
  if (expected.length !== provided.length || provided.length === 0) return false;
  return timingSafeEqual(expected, provided);
}

/** Enough for every key of a busy node across a date change, small enough to never matter. */
const MAX_CACHED_SIGNING_KEYS = 1024;
const signingKeyCache = new Map<string, Buffer>();

/**
 * The signing key (four chained HMACs). It only changes with the date, so it is
 * cached; the cache key includes the secret itself, so a rotated secret can never
 * hit a key derived from the old one.
 */
export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const cacheKey = [secret, date, region, service].join("\0");
  const cached = signingKeyCache.get(cacheKey);
  if (cached) {
    // Re-insert so the Map's insertion order doubles as least-recently-used order.
    signingKeyCache.delete(cacheKey);
    signingKeyCache.set(cacheKey, cached);
    return cached;
  }
  const dateKey = hmac(`AWS4${secret}`, date);
  const key = hmac(hmac(hmac(dateKey, region), service), "aws4_request");
  signingKeyCache.set(cacheKey, key);
  if (signingKeyCache.size > MAX_CACHED_SIGNING_KEYS) {
    const oldest = signingKeyCache.keys().next();
    if (!oldest.done) signingKeyCache.delete(oldest.value);
  }
  return key;
}

/** For tests: the cache must stay bounded. */
export function signingKeyCacheSize(): number {
  return signingKeyCache.size;
}
