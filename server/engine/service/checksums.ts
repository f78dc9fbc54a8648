import crypto from "node:crypto";
import zlib from "node:zlib";
import { Crc32c } from "@aws-crypto/crc32c";
import { Crc64Nvme } from "@aws-sdk/crc64-nvme";
import type { StoredChecksum } from "../metadata/records";

/** The additional checksums S3 clients send (x-amz-checksum-*), computed while streaming. */

export type ChecksumAlgorithm = StoredChecksum["algorithm"];
export const checksumAlgorithms: readonly ChecksumAlgorithm[] = ["CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"];

export interface Checksummer {
  update(data: Buffer): void;
  digest(): Promise<Buffer>;
}

function uint32Bytes(value: number): Buffer {
  const bytes = Buffer.allocUnsafe(4);
  bytes.writeUInt32BE(value >>> 0);
  return bytes;
}

export function createChecksummer(algorithm: ChecksumAlgorithm): Checksummer {
  switch (algorithm) {
    case "CRC32": {
      let crc = 0;
      return { update: (data) => void (crc = zlib.crc32(data, crc)), digest: async () => uint32Bytes(crc) };
    }
    case "CRC32C": {
      const crc = new Crc32c();
      return { update: (data) => void crc.update(data), digest: async () => uint32Bytes(crc.digest()) };
    }
    case "CRC64NVME": {
      const crc = new Crc64Nvme();
      return { update: (data) => crc.update(data), digest: async () => Buffer.from(await crc.digest()) };
    }
    case "SHA1":
    case "SHA256": {
      const hash = crypto.createHash(algorithm === "SHA1" ? "sha1" : "sha256");
      return { update: (data) => void hash.update(data), digest: async () => hash.digest() };
    }
  }
}

/** The byte length of each algorithm's digest, to validate a client's value before streaming. */
export const checksumDigestBytes: Record<ChecksumAlgorithm, number> = {
  CRC32: 4,
  CRC32C: 4,
  CRC64NVME: 8,
  SHA1: 20,
  SHA256: 32,
};

export function isValidChecksumValue(algorithm: ChecksumAlgorithm, valueBase64: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(valueBase64)) return false;
  return Buffer.from(valueBase64, "base64").length === checksumDigestBytes[algorithm];
}

/** S3's composite checksum of a multipart object: the checksum of the parts' binary checksums, "-N". */
export async function compositeChecksum(algorithm: ChecksumAlgorithm, partValuesBase64: string[]): Promise<string> {
  const checksummer = createChecksummer(algorithm);
  for (const value of partValuesBase64) checksummer.update(Buffer.from(value, "base64"));
  return `${(await checksummer.digest()).toString("base64")}-${partValuesBase64.length}`;
}
