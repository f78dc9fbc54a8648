/** The aws-chunked decoder in its three modes, with bodies built by hand. */
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { limits } from "../../util/limits";
import { authenticate, type AuthResult } from "./authenticate";
import { createPayloadReader } from "./payload-reader";
import {
  buildChunkedBody,
  exampleSigningKey,
  lookupExampleSecret,
  pipeThrough,
  signRequest,
  type ChunkedBodyInput,
} from "./testing";

const NOW = new Date("2026-03-01T12:00:00Z");
const options = { region: "us-east-1", now: NOW, lookupSecret: lookupExampleSecret };
const CRC = "x-amz-checksum-crc32";

type Mode =
  | "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
  | "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
  | "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";

async function streamingAuth(mode: Mode, decodedBytes: number | null, trailer = CRC): Promise<AuthResult> {
  const headers: Record<string, string> = { "content-encoding": "aws-chunked", "x-amz-trailer": trailer };
  if (decodedBytes !== null) headers["x-amz-decoded-content-length"] = String(decodedBytes);
  if (!mode.endsWith("TRAILER")) delete headers["x-amz-trailer"];
  const request = await signRequest({ method: "PUT", path: "/b/k", payloadHash: mode, headers, date: NOW });
  const auth = authenticate(request, options);
  if (!auth) throw new Error("expected a signed request");
  expect(auth.payload.kind).toBe(mode);
  return auth;
}

/** The body a client would send for `chunks`, signed from the seed of `auth` when the mode signs. */
function bodyFor(auth: AuthResult, chunks: Buffer[], trailers?: Array<[string, string]>): Buffer {
  const signed = auth.payload.kind !== "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
  const { seedSignatureHex, amzDate, scope } = auth.chunkContext;
  const input: ChunkedBodyInput = { chunks, trailers };
  if (signed) input.signing = { key: exampleSigningKey("20260301"), seedSignature: seedSignatureHex, amzDate, scope };
  return buildChunkedBody(input);
}

const DATA = [Buffer.from("hello "), Buffer.from("aws-chunked "), Buffer.from("world")];
const TEXT = "hello aws-chunked world";
const MODES: Mode[] = [
  "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
  "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
  "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
];
const trailersFor = (mode: Mode): Array<[string, string]> | undefined =>
  mode.endsWith("TRAILER") ? [[CRC, "rbR5eQ=="]] : undefined;

describe.each(MODES)("%s", (mode) => {
  it("decodes the payload and exposes the trailers", async () => {
    const auth = await streamingAuth(mode, TEXT.length);
    const reader = createPayloadReader(auth);
    const decoded = await pipeThrough(bodyFor(auth, DATA, trailersFor(mode)), reader);
    expect(decoded.toString()).toBe(TEXT);
    expect(reader.decodedBytes).toBe(TEXT.length);
    expect(Object.fromEntries(reader.trailers)).toEqual(mode.endsWith("TRAILER") ? { [CRC]: "rbR5eQ==" } : {});
  });

  it("decodes the same body split at every byte boundary, and one byte at a time", async () => {
    const auth = await streamingAuth(mode, TEXT.length);
    const body = bodyFor(auth, DATA, trailersFor(mode));
    for (let split = 0; split <= body.length; split++) {
      const reader = createPayloadReader(auth);
      const pieces = [body.subarray(0, split), body.subarray(split)];
      const output: Buffer[] = [];
      for await (const chunk of Readable.from(pieces).pipe(reader)) output.push(chunk as Buffer);
      expect(Buffer.concat(output).toString()).toBe(TEXT);
    }
    expect((await pipeThrough(body, createPayloadReader(auth), 1)).toString()).toBe(TEXT);
  });

  it("refuses a body shorter or longer than x-amz-decoded-content-length", async () => {
    for (const declared of [TEXT.length + 1, TEXT.length - 1]) {
      const auth = await streamingAuth(mode, declared);
      await expect(
        pipeThrough(bodyFor(auth, DATA, trailersFor(mode)), createPayloadReader(auth)),
      ).rejects.toMatchObject({
        code: "IncompleteBody",
      });
    }
  });

  it("refuses a truncated body, wherever it is cut", async () => {
    const auth = await streamingAuth(mode, null);
    const body = bodyFor(auth, DATA, trailersFor(mode));
    for (const cut of [0, 5, 40, body.length - 3, body.length - 1]) {
      await expect(pipeThrough(body.subarray(0, cut), createPayloadReader(auth))).rejects.toMatchObject({
        code: "IncompleteBody",
      });
    }
  });

  it("refuses bytes after the end, bad framing, and oversize chunks and lines", async () => {
    const auth = await streamingAuth(mode, null);
    const body = bodyFor(auth, DATA, trailersFor(mode));
    const decode = (raw: Buffer | string) => pipeThrough(Buffer.from(raw), createPayloadReader(auth));
    await expect(decode(Buffer.concat([body, Buffer.from("x")]))).rejects.toMatchObject({ code: "IncompleteBody" });
    await expect(decode("zz\r\n")).rejects.toMatchObject({ code: "IncompleteBody" });
    await expect(decode(body.toString("latin1").replace("\r\n", "\n"))).rejects.toMatchObject({
      code: "IncompleteBody",
    });
    const huge = (limits.maxAwsChunkBytes + 1).toString(16);
    const signature = mode === "STREAMING-UNSIGNED-PAYLOAD-TRAILER" ? "" : `;chunk-signature=${"0".repeat(64)}`;
    await expect(decode(`${huge}${signature}\r\n`)).rejects.toMatchObject({ code: "InvalidRequest" });
    await expect(decode("1".repeat(limits.maxAwsChunkLineBytes + 1))).rejects.toMatchObject({ code: "InvalidRequest" });
  });
});

describe("chunk and trailer signatures", () => {
  it("fail when a chunk's data is changed", async () => {
    const auth = await streamingAuth("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", TEXT.length);
    const body = bodyFor(auth, DATA, [[CRC, "rbR5eQ=="]]).toString("latin1");
    const tampered = Buffer.from(body.replace("world", "worle"), "latin1");
    await expect(pipeThrough(tampered, createPayloadReader(auth))).rejects.toMatchObject({
      code: "SignatureDoesNotMatch",
    });
  });

  it("fail when chunks are reordered (the chain binds each to the previous)", async () => {
    const auth = await streamingAuth("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", null);
    const original = bodyFor(auth, [Buffer.from("aaaa"), Buffer.from("bbbb")]).toString("latin1");
    const [first, second, rest] = original.split(/(?=\d;chunk-signature)/);
    const reordered = Buffer.from(`${second}${first}${rest}`, "latin1");
    await expect(pipeThrough(reordered, createPayloadReader(auth))).rejects.toMatchObject({
      code: "SignatureDoesNotMatch",
    });
  });

  it("fail when a trailer value or the trailer signature is changed", async () => {
    const auth = await streamingAuth("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", TEXT.length);
    const body = bodyFor(auth, DATA, [[CRC, "rbR5eQ=="]]).toString("latin1");
    const changedValue = Buffer.from(body.replace("rbR5eQ==", "AAAAAA=="), "latin1");
    await expect(pipeThrough(changedValue, createPayloadReader(auth))).rejects.toMatchObject({
      code: "SignatureDoesNotMatch",
    });
    const signature = /x-amz-trailer-signature:([0-9a-f]{64})/.exec(body)?.[1] ?? "";
    const changedSignature = Buffer.from(
      body.replace(signature, `${signature.slice(0, 63)}${signature.endsWith("0") ? "1" : "0"}`),
      "latin1",
    );
    await expect(pipeThrough(changedSignature, createPayloadReader(auth))).rejects.toMatchObject({
      code: "SignatureDoesNotMatch",
    });
  });

  it("fail when the trailer signature is missing in signed trailer mode", async () => {
    const auth = await streamingAuth("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", TEXT.length);
    const body = bodyFor(auth, DATA, [[CRC, "rbR5eQ=="]]).toString("latin1");
    const withoutSignature = Buffer.from(body.replace(/x-amz-trailer-signature:[0-9a-f]{64}\r\n/, ""), "latin1");
    await expect(pipeThrough(withoutSignature, createPayloadReader(auth))).rejects.toMatchObject({
      code: "IncompleteBody",
    });
  });

  it("refuse an unannounced trailer and a missing announced one", async () => {
    const auth = await streamingAuth("STREAMING-UNSIGNED-PAYLOAD-TRAILER", TEXT.length);
    const other = bodyFor(auth, DATA, [["x-amz-checksum-sha256", "abc="]]);
    await expect(pipeThrough(other, createPayloadReader(auth))).rejects.toMatchObject({ code: "InvalidRequest" });
    const none = bodyFor(auth, DATA, []);
    await expect(pipeThrough(none, createPayloadReader(auth))).rejects.toMatchObject({ code: "IncompleteBody" });
  });
});

describe("large bodies", () => {
  /** 20 MiB of varied bytes in 64 KiB chunks, fed in 100 000-byte pieces that straddle chunk boundaries. */
  it.each(["STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "STREAMING-UNSIGNED-PAYLOAD-TRAILER"] as const)(
    "stream through %s intact",
    async (mode) => {
      const totalBytes = 20 * 1024 * 1024;
      const chunks: Buffer[] = [];
      for (let offset = 0; offset < totalBytes; offset += 65536) {
        const chunk = Buffer.alloc(65536);
        for (let i = 0; i < chunk.length; i += 4) chunk.writeUInt32LE(((offset + i) * 2654435761) >>> 0, i);
        chunks.push(chunk);
      }
      const auth = await streamingAuth(mode, totalBytes);
      const body = bodyFor(auth, chunks, mode.endsWith("TRAILER") ? [[CRC, "AAAAAA=="]] : undefined);
      const decoded = await pipeThrough(body, createPayloadReader(auth), 100_000);
      const sha256 = (data: Buffer | Buffer[]) =>
        [data]
          .flat()
          .reduce((hash, part) => hash.update(part), createHash("sha256"))
          .digest("hex");
      expect(decoded.length).toBe(totalBytes);
      expect(sha256(decoded)).toBe(sha256(chunks));
    },
  );
});
