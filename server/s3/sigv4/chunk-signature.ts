/**
 * The signature chain of aws-chunked bodies: each chunk's signature covers the
 * previous one, starting from the seed (the Authorization header's signature),
 * so chunks cannot be dropped, reordered or spliced from another upload.
 */
import type { Hash } from "node:crypto";
import { createHash } from "node:crypto";
import { S3Error } from "../errors";
import { EMPTY_SHA256_HEX, hmacHex, signaturesEqual } from "./crypto";
import type { ChunkSigningContext } from "./authenticate";

export class ChunkSignatureChain {
  private previousHex: string;
  private hash: Hash = createHash("sha256");

  constructor(private readonly context: ChunkSigningContext) {
    this.previousHex = context.seedSignatureHex;
  }

  /** Feeds the current chunk's data, as it arrives. */
  update(data: Buffer): void {
    this.hash.update(data);
  }

  /** Ends the current chunk and checks the signature its header announced. */
  verifyChunk(providedHex: string): void {
    const chunkSha256 = this.hash.digest("hex");
    this.hash = createHash("sha256");
    const toSign = this.stringToSign("AWS4-HMAC-SHA256-PAYLOAD", `${EMPTY_SHA256_HEX}\n${chunkSha256}`);
    this.check(toSign, providedHex, "chunk");
  }

  /** Trailers are hashed as `name:value\n` lines, in the order sent. */
  verifyTrailer(trailers: ReadonlyMap<string, string>, providedHex: string): void {
    let lines = "";
    for (const [name, value] of trailers) lines += `${name}:${value}\n`;
    const hash = createHash("sha256").update(lines, "utf8").digest("hex");
    this.check(this.stringToSign("AWS4-HMAC-SHA256-TRAILER", hash), providedHex, "trailer");
  }

  private stringToSign(algorithm: string, tail: string): string {
    const { amzDate, scope } = this.context;
    return `${algorithm}\n${amzDate}\n${scope}\n${this.previousHex}\n${tail}`;
  }

  private check(toSign: string, providedHex: string, what: string): void {
    const expected = hmacHex(this.context.signingKey, toSign);
    if (!signaturesEqual(expected, providedHex)) {
      throw new S3Error(
        "SignatureDoesNotMatch",
        `The ${what} signature we calculated does not match the signature you provided.`,
      );
    }
    this.previousHex = providedHex;
  }
}
