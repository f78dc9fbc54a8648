import type { ChecksumAlgorithm } from "./checksums";

/**
 * The CRC of a concatenation from the CRCs of its pieces and their lengths
 * (zlib's crc32_combine, generalised to any reflected CRC), so a multipart
 * upload's FULL_OBJECT checksum comes from its parts' checksums without reading
 * the data again. Works in GF(2): appending n zero bytes to a CRC register is a
 * linear map, applied by repeated squaring of the one-zero-bit operator.
 */

interface CrcShape {
  widthBits: number;
  /** The polynomial in reflected (LSB-first) form. */
  reflectedPolynomial: bigint;
}

const shapes: Partial<Record<ChecksumAlgorithm, CrcShape>> = {
  CRC32: { widthBits: 32, reflectedPolynomial: 0xedb88320n },
  CRC32C: { widthBits: 32, reflectedPolynomial: 0x82f63b78n },
  CRC64NVME: { widthBits: 64, reflectedPolynomial: 0x9a6c9329ac4bc9b5n },
};

export function supportsCombine(algorithm: ChecksumAlgorithm): boolean {
  return shapes[algorithm] !== undefined;
}

function matrixTimes(matrix: bigint[], vector: bigint): bigint {
  let sum = 0n;
  for (let index = 0; vector !== 0n; index += 1, vector >>= 1n) if (vector & 1n) sum ^= matrix[index];
  return sum;
}

function matrixSquare(matrix: bigint[]): bigint[] {
  return matrix.map((row) => matrixTimes(matrix, row));
}

/** crc(A ‖ B) from crc(A), crc(B) and the length of B in bytes. */
export function combineCrc(shape: CrcShape, crcA: bigint, crcB: bigint, lengthBBytes: number): bigint {
  if (lengthBBytes === 0) return crcA;
  // The operator for one zero bit: shift right, folding in the polynomial.
  let odd: bigint[] = [shape.reflectedPolynomial];
  for (let bit = 1; bit < shape.widthBits; bit += 1) odd.push(1n << BigInt(bit - 1));
  let even = matrixSquare(odd);
  odd = matrixSquare(even);
  let remaining = BigInt(lengthBBytes);
  let crc = crcA;
  // Each round squares the operator (1, 2, 4, … zero bytes) and applies it where the length has a 1 bit.
  for (;;) {
    even = matrixSquare(odd);
    if (remaining & 1n) crc = matrixTimes(even, crc);
    remaining >>= 1n;
    if (remaining === 0n) break;
    odd = matrixSquare(even);
    if (remaining & 1n) crc = matrixTimes(odd, crc);
    remaining >>= 1n;
    if (remaining === 0n) break;
  }
  return crc ^ crcB;
}

function fromBytes(bytes: Buffer): bigint {
  return BigInt(`0x${bytes.toString("hex") || "0"}`);
}

function toBytes(value: bigint, widthBits: number): Buffer {
  return Buffer.from(value.toString(16).padStart(widthBits / 4, "0"), "hex");
}

/** The whole object's CRC (base64) from each part's CRC (base64) and size, in order. */
export function combinePartChecksums(
  algorithm: ChecksumAlgorithm,
  parts: Array<{ valueBase64: string; sizeBytes: number }>,
): string | null {
  const shape = shapes[algorithm];
  if (!shape || parts.length === 0) return null;
  let crc = fromBytes(Buffer.from(parts[0].valueBase64, "base64"));
  for (const part of parts.slice(1))
    crc = combineCrc(shape, crc, fromBytes(Buffer.from(part.valueBase64, "base64")), part.sizeBytes);
  return toBytes(crc, shape.widthBits).toString("base64");
}
