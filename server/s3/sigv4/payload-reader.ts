/**
 * The request body as the signature vouches for it: a Transform from the raw
 * body to the payload bytes that fails (and so must abort the write) when the
 * body does not match its x-amz-content-sha256 or its aws-chunked signatures.
 * Every mode gets one, so a handler always pipes the body through it.
 */
import { createHash, type Hash } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";
import { S3Error } from "../errors";
import type { AuthResult, ChunkSigningContext } from "./authenticate";
import { AwsChunkedParser } from "./aws-chunked-parser";
import { isStreaming, type StreamingKind } from "./payload-mode";

export interface PayloadReader extends Transform {
  /** Trailers of an aws-chunked body (e.g. `x-amz-checksum-crc32`), complete once the stream has ended. */
  readonly trailers: ReadonlyMap<string, string>;
  /** Payload bytes passed on so far (the decoded length for aws-chunked). */
  readonly decodedBytes: number;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** Passes bytes through; at the end, compares their SHA-256 with the signed one (if any). */
export class Sha256Verifier extends Transform implements PayloadReader {
  readonly trailers: ReadonlyMap<string, string> = new Map();
  decodedBytes = 0;
  private readonly hash: Hash | null;

  /** `expectedSha256Hex` null: UNSIGNED-PAYLOAD, nothing to check. */
  constructor(private readonly expectedSha256Hex: string | null) {
    super();
    this.hash = expectedSha256Hex === null ? null : createHash("sha256");
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash?.update(chunk);
    this.decodedBytes += chunk.length;
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.hash === null) return callback();
    const actual = this.hash.digest("hex");
    if (actual !== this.expectedSha256Hex) {
      return callback(
        new S3Error("XAmzContentSHA256Mismatch", undefined, {
          details: { ClientComputedContentSHA256: this.expectedSha256Hex ?? "", S3ComputedContentSHA256: actual },
        }),
      );
    }
    callback();
  }
}

/** Decodes an aws-chunked body, verifying chunk and trailer signatures as it goes. */
export class AwsChunkedDecoder extends Transform implements PayloadReader {
  private readonly parser: AwsChunkedParser;

  constructor(kind: StreamingKind, context: ChunkSigningContext) {
    super();
    this.parser = new AwsChunkedParser(kind, context);
  }

  get trailers(): ReadonlyMap<string, string> {
    return this.parser.trailers;
  }

  get decodedBytes(): number {
    return this.parser.decodedBytes;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      // Views into `chunk`, pushed as found: no copy, and the Transform's own
      // backpressure (callback after push) bounds what is held in memory.
      this.parser.push(chunk, (data) => this.push(data));
      callback();
    } catch (error) {
      callback(asError(error));
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      this.parser.end();
      callback();
    } catch (error) {
      callback(asError(error));
    }
  }
}

/** The Transform that turns the raw body of an authenticated request into its verified payload. */
export function createPayloadReader(auth: AuthResult): PayloadReader {
  const { payload } = auth;
  if (isStreaming(payload)) return new AwsChunkedDecoder(payload.kind, auth.chunkContext);
  return new Sha256Verifier(payload.kind === "signed" ? payload.sha256Hex : null);
}
