import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { S3Error } from "../errors";
import type { ChunkSigningContext } from "./authenticate";
import { AwsChunkedParser } from "./aws-chunked-parser";
import {
  STREAMING_SIGNED,
  STREAMING_SIGNED_TRAILER,
  STREAMING_UNSIGNED_TRAILER,
  type StreamingKind,
} from "./payload-mode";
import { buildChunkedBody, exampleSigningKey } from "./testing";

/**
 * Property-based fuzzing of the aws-chunked decoder: every framing, cut into arbitrary
 * pieces, decodes to its payload; any mutation of a signed body is refused (or is
 * harmless); garbage is refused with an S3Error, never another exception; and no
 * byte past the declared decoded length is ever passed on.
 */

const runs = Number(process.env.CARPORT_FUZZ_RUNS ?? 300);
const kinds: StreamingKind[] = [STREAMING_SIGNED, STREAMING_UNSIGNED_TRAILER, STREAMING_SIGNED_TRAILER];
const trailerName = "x-amz-checksum-crc32";
const amzDate = "20260301T120000Z";
const scope = "20260301/us-east-1/s3/aws4_request";
const seedSignatureHex = "5".repeat(64);
const key = exampleSigningKey("20260301");

function contextFor(kind: StreamingKind, decodedBytes: number | null): ChunkSigningContext {
  return {
    signingKey: key,
    seedSignatureHex,
    amzDate,
    scope,
    decodedContentLengthBytes: decodedBytes,
    declaredTrailers: kind === STREAMING_SIGNED ? [] : [trailerName],
  };
}

function encode(kind: StreamingKind, payload: Buffer, chunkSizes: number[]): Buffer {
  const chunks: Buffer[] = [];
  let offset = 0;
  for (let index = 0; offset < payload.length; index += 1) {
    const size = chunkSizes.length > 0 ? chunkSizes[index % chunkSizes.length] : payload.length;
    chunks.push(payload.subarray(offset, offset + size));
    offset += size;
  }
  return buildChunkedBody({
    chunks,
    signing: kind === STREAMING_UNSIGNED_TRAILER ? undefined : { key, seedSignature: seedSignatureHex, amzDate, scope },
    trailers: kind === STREAMING_SIGNED ? undefined : [[trailerName, "AAAAAA=="]],
  });
}

interface Decoded {
  data: Buffer;
  trailers: Map<string, string>;
  /** The most bytes passed on at any moment, to check against the declared length. */
  emittedBytes: number;
}

/** Feeds `body` in pieces cut at `cuts` (sizes, cycled); returns the outcome or the thrown error. */
function decode(
  kind: StreamingKind,
  body: Buffer,
  cuts: number[],
  decodedBytes: number | null,
): Decoded | { error: unknown; emittedBytes: number } {
  const parser = new AwsChunkedParser(kind, contextFor(kind, decodedBytes));
  const out: Buffer[] = [];
  let emittedBytes = 0;
  try {
    let offset = 0;
    for (let index = 0; offset < body.length; index += 1) {
      const size = cuts.length > 0 ? cuts[index % cuts.length] : body.length;
      parser.push(body.subarray(offset, offset + size), (data) => {
        emittedBytes += data.length;
        out.push(Buffer.from(data));
      });
      offset += size;
    }
    parser.end();
    return { data: Buffer.concat(out), trailers: new Map(parser.trailers), emittedBytes };
  } catch (error) {
    return { error, emittedBytes };
  }
}

const payloads = fc.uint8Array({ maxLength: 4000 }).map((bytes) => Buffer.from(bytes));
const sizes = fc.array(fc.integer({ min: 1, max: 1500 }), { maxLength: 6 });
const kind = fc.constantFrom(...kinds);

type Mutation =
  | { type: "flip"; at: number; bits: number }
  | { type: "delete"; at: number; length: number }
  | { type: "insert"; at: number; bytes: Uint8Array }
  | { type: "truncate"; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ type: fc.constant("flip" as const), at: fc.nat(), bits: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ type: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 80 }) }),
  fc.record({
    type: fc.constant("insert" as const),
    at: fc.nat(),
    bytes: fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 20 }),
      fc
        .constantFrom("\r\n", "0\r\n\r\n", ";chunk-signature=", "ffffffff\r\n", "x-amz-checksum-crc32:AAAA\r\n")
        .map((text) => new Uint8Array(Buffer.from(text))),
    ),
  }),
  fc.record({ type: fc.constant("truncate" as const), at: fc.nat() }),
);

function mutate(body: Buffer, change: Mutation): Buffer {
  const at = body.length === 0 ? 0 : change.at % body.length;
  switch (change.type) {
    case "flip": {
      const copy = Buffer.from(body);
      if (copy.length > 0) copy[at] ^= change.bits;
      return copy;
    }
    case "delete":
      return Buffer.concat([body.subarray(0, at), body.subarray(at + change.length)]);
    case "insert":
      return Buffer.concat([body.subarray(0, at), Buffer.from(change.bytes), body.subarray(at)]);
    case "truncate":
      return body.subarray(0, at);
  }
}

describe("aws-chunked decoder, fuzzed", () => {
  it("decodes any framing cut into any pieces, refuses every harmful mutation, and never throws anything but S3Error", () => {
    let total = 0;
    const wrong: string[] = [];
    const check = (label: string, ok: boolean) => {
      total += 1;
      if (!ok && wrong.length < 20) wrong.push(label);
      return ok;
    };

    fc.assert(
      fc.property(kind, payloads, sizes, sizes, fc.boolean(), (streaming, payload, chunkSizes, cuts, declare) => {
        const outcome = decode(
          streaming,
          encode(streaming, payload, chunkSizes),
          cuts,
          declare ? payload.length : null,
        );
        return check(
          `round trip ${streaming} ${payload.length} B`,
          "data" in outcome &&
            outcome.data.equals(payload) &&
            (streaming === STREAMING_SIGNED || outcome.trailers.get(trailerName) === "AAAAAA=="),
        );
      }),
      { numRuns: runs },
    );

    fc.assert(
      fc.property(kind, payloads, sizes, sizes, mutation, (streaming, payload, chunkSizes, cuts, change) => {
        const original = encode(streaming, payload, chunkSizes);
        const mutated = mutate(original, change);
        const outcome = decode(streaming, mutated, cuts, payload.length);
        const label = `${streaming} ${JSON.stringify(change)}`;
        if (outcome.emittedBytes > payload.length)
          return check(`${label}: passed on bytes past the declared length`, false);
        if ("error" in outcome)
          return check(`${label}: threw ${String(outcome.error)}`, outcome.error instanceof S3Error);
        // A signed body may only be accepted as exactly what was signed; unsigned data is the client's word.
        if (streaming !== STREAMING_UNSIGNED_TRAILER)
          return check(`${label}: accepted different bytes`, outcome.data.equals(payload));
        return check(`${label}: wrong length`, outcome.data.length === payload.length);
      }),
      { numRuns: runs * 3 },
    );

    fc.assert(
      fc.property(
        kind,
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
          fc
            .array(
              fc.constantFrom(
                "0",
                "1",
                "a",
                "f",
                ";",
                "chunk-signature=",
                "\r\n",
                "\r",
                "\n",
                ":",
                "x-amz-checksum-crc32",
                "ffffffffffffffff",
                "-1",
              ),
              { maxLength: 40 },
            )
            .map((parts) => Buffer.from(parts.join(""))),
        ),
        sizes,
        fc.option(fc.nat({ max: 400 }), { nil: null }),
        (streaming, garbage, cuts, declared) => {
          const outcome = decode(streaming, garbage, cuts, declared);
          if (declared !== null && outcome.emittedBytes > declared) return check("garbage passed on too much", false);
          return check(
            `garbage: ${"error" in outcome ? String(outcome.error) : "ok"}`,
            !("error" in outcome) || outcome.error instanceof S3Error,
          );
        },
      ),
      { numRuns: runs * 3 },
    );

    console.log(`fuzz (aws-chunked decoder): ${wrong.length} of ${total} cases answered wrongly or crashing`);
    expect(wrong).toEqual([]);
  });
});
