/**
 * The framing of `Content-Encoding: aws-chunked` bodies, as a push parser: it is
 * fed the raw body in whatever pieces the socket delivers (one byte at a time is
 * fine) and hands decoded data on at once, so memory stays bounded by a line.
 *
 *   signed:   <hex>;chunk-signature=<sig>\r\n<data>\r\n … 0;chunk-signature=<sig>\r\n
 *   unsigned: <hex>\r\n<data>\r\n … 0\r\n
 * then `\r\n` (STREAMING-AWS4-HMAC-SHA256-PAYLOAD) or trailer lines `name:value\r\n`,
 * `x-amz-trailer-signature:<sig>\r\n` (signed trailer mode only) and a final `\r\n`.
 *
 * Data is passed on before its chunk signature is checked; a bad signature fails
 * the stream, and callers commit nothing from a stream that failed.
 */
import { S3Error } from "../errors";
import { limits } from "../../util/limits";
import type { ChunkSigningContext } from "./authenticate";
import { ChunkSignatureChain } from "./chunk-signature";
import { STREAMING_SIGNED, STREAMING_SIGNED_TRAILER, type StreamingKind } from "./payload-mode";

type State = "chunk-header" | "chunk-data" | "chunk-end" | "final-line" | "trailers" | "trailers-end" | "done";

const SIGNED_CHUNK_HEADER = /^([0-9a-fA-F]{1,16});chunk-signature=([0-9a-f]{64})$/;
/** Chunk extensions other than the signature carry nothing for us; tolerate and ignore them. */
const UNSIGNED_CHUNK_HEADER = /^([0-9a-fA-F]{1,16})(?:;.*)?$/;
const TRAILER_SIGNATURE = "x-amz-trailer-signature";

function malformed(message: string): S3Error {
  return new S3Error("IncompleteBody", `Malformed aws-chunked body: ${message}`);
}

/** Collects one CRLF-terminated line across pieces, bounded by maxAwsChunkLineBytes. */
class LineReader {
  private parts: Buffer[] = [];
  private lengthBytes = 0;

  /** Consumes bytes from `input` at `start`; returns the line (without CRLF) and where it ended. */
  read(input: Buffer, start: number): { line: string | null; next: number } {
    const newline = input.indexOf(0x0a, start);
    const end = newline < 0 ? input.length : newline + 1;
    this.lengthBytes += end - start;
    if (this.lengthBytes > limits.maxAwsChunkLineBytes) {
      throw new S3Error(
        "InvalidRequest",
        `An aws-chunked header or trailer line exceeds ${limits.maxAwsChunkLineBytes} bytes.`,
      );
    }
    this.parts.push(input.subarray(start, end));
    if (newline < 0) return { line: null, next: end };
    const whole = Buffer.concat(this.parts, this.lengthBytes);
    this.parts = [];
    this.lengthBytes = 0;
    if (whole.length < 2 || whole[whole.length - 2] !== 0x0d) throw malformed("a line does not end with CRLF.");
    return { line: whole.subarray(0, whole.length - 2).toString("utf8"), next: end };
  }
}

export class AwsChunkedParser {
  private state: State = "chunk-header";
  private readonly lines = new LineReader();
  private readonly chain: ChunkSignatureChain | null;
  private remainingChunkBytes = 0;
  private chunkSignatureHex = "";
  private trailerBytes = 0;
  readonly trailers = new Map<string, string>();
  decodedBytes = 0;

  constructor(
    private readonly kind: StreamingKind,
    private readonly context: ChunkSigningContext,
  ) {
    this.chain =
      kind === STREAMING_SIGNED || kind === STREAMING_SIGNED_TRAILER ? new ChunkSignatureChain(context) : null;
  }

  /** Parses one piece of the raw body; `emit` receives decoded data (views into `input`). */
  push(input: Buffer, emit: (data: Buffer) => void): void {
    let position = 0;
    while (position < input.length) {
      if (this.state === "chunk-data") {
        position = this.consumeData(input, position, emit);
        continue;
      }
      if (this.state === "done") throw malformed("data follows the end of the body.");
      const { line, next } = this.lines.read(input, position);
      position = next;
      if (line !== null) this.onLine(line);
    }
  }

  /** The body has ended: it must have ended where the framing says it does. */
  end(): void {
    if (this.state !== "done") throw malformed("the body ended before its final chunk and trailers.");
    const expected = this.context.decodedContentLengthBytes;
    if (expected !== null && this.decodedBytes !== expected) {
      throw new S3Error(
        "IncompleteBody",
        `x-amz-decoded-content-length says ${expected} bytes; the chunks held ${this.decodedBytes}.`,
      );
    }
    const missing = this.context.declaredTrailers.filter((name) => !this.trailers.has(name));
    if (missing.length > 0) throw malformed(`the trailer ${missing.join(", ")} announced by x-amz-trailer never came.`);
  }

  private consumeData(input: Buffer, position: number, emit: (data: Buffer) => void): number {
    const take = Math.min(this.remainingChunkBytes, input.length - position);
    const data = input.subarray(position, position + take);
    this.remainingChunkBytes -= take;
    this.decodedBytes += take;
    const expected = this.context.decodedContentLengthBytes;
    if (expected !== null && this.decodedBytes > expected) {
      throw new S3Error(
        "IncompleteBody",
        `The chunks hold more than the ${expected} bytes x-amz-decoded-content-length announced.`,
      );
    }
    this.chain?.update(data);
    emit(data);
    if (this.remainingChunkBytes === 0) this.state = "chunk-end";
    return position + take;
  }

  private onLine(line: string): void {
    switch (this.state) {
      case "chunk-header":
        return this.onChunkHeader(line);
      case "chunk-end":
        if (line !== "") throw malformed("chunk data is longer than its announced size.");
        this.chain?.verifyChunk(this.chunkSignatureHex);
        this.state = "chunk-header";
        return;
      case "final-line":
        if (line !== "") throw malformed("the final chunk must be followed by an empty line.");
        this.state = "done";
        return;
      case "trailers":
        return this.onTrailerLine(line);
      case "trailers-end":
        if (line !== "") throw malformed("the trailer signature must be the last trailer line.");
        this.state = "done";
        return;
      case "chunk-data":
      case "done":
        throw new Error(`unreachable: no line is read in state ${this.state}`);
    }
  }

  private onChunkHeader(line: string): void {
    const match = (this.chain ? SIGNED_CHUNK_HEADER : UNSIGNED_CHUNK_HEADER).exec(line);
    if (!match || match[1] === undefined) throw malformed(`bad chunk header "${line.slice(0, 100)}".`);
    const sizeBytes = parseInt(match[1], 16);
    if (sizeBytes > limits.maxAwsChunkBytes) {
      throw new S3Error(
        "InvalidRequest",
        `An aws-chunked chunk of ${sizeBytes} bytes exceeds the limit of ${limits.maxAwsChunkBytes}.`,
      );
    }
    this.chunkSignatureHex = match[2] ?? "";
    if (sizeBytes > 0) {
      this.remainingChunkBytes = sizeBytes;
      this.state = "chunk-data";
      return;
    }
    // The final, empty chunk is signed like the others: it seals the chain.
    this.chain?.verifyChunk(this.chunkSignatureHex);
    this.state = this.kind === STREAMING_SIGNED ? "final-line" : "trailers";
  }

  private onTrailerLine(line: string): void {
    if (line === "") {
      if (this.kind === STREAMING_SIGNED_TRAILER) throw malformed("the trailer signature is missing.");
      this.state = "done";
      return;
    }
    this.trailerBytes += line.length + 2;
    if (this.trailerBytes > limits.maxAwsChunkLineBytes) {
      throw new S3Error("InvalidRequest", `The aws-chunked trailers exceed ${limits.maxAwsChunkLineBytes} bytes.`);
    }
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (colon <= 0 || name === "") throw malformed(`bad trailer line "${line.slice(0, 100)}".`);
    if (name === TRAILER_SIGNATURE) return this.onTrailerSignature(value);
    if (!this.context.declaredTrailers.includes(name)) {
      throw new S3Error("InvalidRequest", `The trailer ${name} was not announced in x-amz-trailer.`);
    }
    if (this.trailers.has(name)) throw malformed(`the trailer ${name} is repeated.`);
    this.trailers.set(name, value);
  }

  private onTrailerSignature(value: string): void {
    if (!this.chain || this.kind !== STREAMING_SIGNED_TRAILER) {
      throw malformed("x-amz-trailer-signature is only valid with STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER.");
    }
    if (!/^[0-9a-f]{64}$/.test(value)) throw malformed("x-amz-trailer-signature must be 64 hexadecimal digits.");
    this.chain.verifyTrailer(this.trailers, value);
    this.state = "trailers-end";
  }
}
