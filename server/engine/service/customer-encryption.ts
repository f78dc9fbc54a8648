import crypto from "node:crypto";
import { z } from "zod";
import { EngineError } from "../errors";

/**
 * SSE-C: objects encrypted under a key the customer sends with each request and
 * that is never stored. Each object (or multipart upload) gets a random data key;
 * its blocks are sealed with AES-256-GCM under that data key, each bound to its
 * place in the object (part number and offset) so a block moved, swapped or
 * altered fails to open. The data key is kept sealed under the customer's key,
 * beside a salted HMAC of that key to tell a wrong key from a damaged record.
 * Copying to another customer key re-seals the data key and moves no data.
 */

const nonceBytes = 12;
const tagBytes = 16;
/** What sealing adds to each block: its nonce and its authentication tag. */
export const sealOverheadBytes = nonceBytes + tagBytes;
export const customerKeyBytes = 32;

const dataKeyContext = Buffer.from("carport sse-c data key v1");
const blockContext = Buffer.from("carport sse-c block v1");

export const storedEncryptionSchema = z.object({
  algorithm: z.literal("AES256"),
  /** Random per object; the HMAC below is keyed with it, so equal customer keys leave no equal traces. */
  salt: z.custom<Buffer>((value) => Buffer.isBuffer(value)),
  keyHmac: z.custom<Buffer>((value) => Buffer.isBuffer(value)),
  /** The data key, sealed under the customer's key: nonce, ciphertext, tag. */
  sealedDataKey: z.custom<Buffer>((value) => Buffer.isBuffer(value)),
});
export type StoredEncryption = z.infer<typeof storedEncryptionSchema>;

function seal(key: Buffer, plain: Buffer, context: Buffer): Buffer {
  const nonce = crypto.randomBytes(nonceBytes);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(context);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

/** Null when the sealed bytes were altered, moved, or sealed under another key. */
function open(key: Buffer, sealed: Buffer, context: Buffer): Buffer | null {
  if (sealed.length < sealOverheadBytes) return null;
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, sealed.subarray(0, nonceBytes));
  decipher.setAAD(context);
  decipher.setAuthTag(sealed.subarray(sealed.length - tagBytes));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(nonceBytes, sealed.length - tagBytes)), decipher.final()]);
  } catch {
    return null;
  }
}

function keyHmac(salt: Buffer, customerKey: Buffer): Buffer {
  return crypto.createHmac("sha256", salt).update(customerKey).digest();
}

/** The record of a data key sealed under `customerKey`. */
export function protectDataKey(dataKey: Buffer, customerKey: Buffer): StoredEncryption {
  const salt = crypto.randomBytes(16);
  return {
    algorithm: "AES256",
    salt,
    keyHmac: keyHmac(salt, customerKey),
    sealedDataKey: seal(customerKey, dataKey, dataKeyContext),
  };
}

export function newDataKey(): Buffer {
  return crypto.randomBytes(32);
}

/** The data key, when `customerKey` is the one the object was written with; AccessDenied otherwise (as S3). */
export function unlockDataKey(stored: StoredEncryption, customerKey: Buffer): Buffer {
  const expected = keyHmac(stored.salt, customerKey);
  const dataKey =
    expected.length === stored.keyHmac.length && crypto.timingSafeEqual(expected, stored.keyHmac)
      ? open(customerKey, stored.sealedDataKey, dataKeyContext)
      : null;
  if (!dataKey)
    throw new EngineError(
      "AccessDenied",
      "Requests specifying Server Side Encryption with Customer provided keys must provide the correct secret key.",
    );
  return dataKey;
}

function blockContextOf(partNumber: number, offsetInPartBytes: number): Buffer {
  const place = Buffer.alloc(12);
  place.writeUInt32BE(partNumber, 0);
  place.writeBigUInt64BE(BigInt(offsetInPartBytes), 4);
  return Buffer.concat([blockContext, place]);
}

export type BlockSealer = (plain: Buffer, offsetInPartBytes: number) => Buffer;

export function blockSealer(dataKey: Buffer, partNumber: number): BlockSealer {
  return (plain, offsetInPartBytes) => seal(dataKey, plain, blockContextOf(partNumber, offsetInPartBytes));
}

export interface BlockOpener {
  overheadBytes: number;
  open(stored: Buffer, partNumber: number, offsetInPartBytes: number): Buffer;
}

export function blockOpener(dataKey: Buffer): BlockOpener {
  return {
    overheadBytes: sealOverheadBytes,
    open: (stored, partNumber, offsetInPartBytes) => {
      const plain = open(dataKey, stored, blockContextOf(partNumber, offsetInPartBytes));
      if (!plain)
        throw new EngineError(
          "CorruptBlock",
          `an encrypted block of part ${partNumber} at offset ${offsetInPartBytes} failed authentication`,
        );
      return plain;
    },
  };
}

/**
 * The ETag of an encrypted object or part: not the MD5 of its bytes (which would
 * tell who holds a copy of the plaintext what is stored), as S3 documents.
 */
export function encryptedEtag(dataKey: Buffer, md5: Buffer): string {
  return crypto.createHmac("sha256", dataKey).update(md5).digest().subarray(0, 16).toString("hex");
}

/**
 * The data key of an object read with `customerKey`: null for an object stored in
 * clear (which takes no key), S3's refusals when a key is missing, unneeded or wrong.
 */
export function requireDataKey(stored: StoredEncryption | null, customerKey: Buffer | null): Buffer | null {
  if (stored && !customerKey)
    throw new EngineError(
      "InvalidRequest",
      "The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.",
    );
  if (!stored && customerKey)
    throw new EngineError("InvalidRequest", "The encryption parameters are not applicable to this object.");
  return stored && customerKey ? unlockDataKey(stored, customerKey) : null;
}
