import crypto from "node:crypto";
import { HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { beforeAll, describe, expect, it } from "vitest";
import { buildChunkedBody } from "../../server/s3/sigv4/testing";
import { newBucket, type RawCredentials, sharedS3TestEngine } from "../../server/s3/tests/helpers";
import { limits } from "../../server/util/limits";
import { filesNamed, unexpectedFiles } from "./data-dir";
import { rawExchange, requestHead } from "./raw-http";
import { firstAnswer, sendSigned, signedHead } from "./signed-raw";
import { BadInputTally } from "./tally";

/**
 * Hostile requests at the HTTP and S3 level: oversize heads, smuggling, bad
 * Content-MD5, invalid bucket names, hostile keys, bad ranges and broken
 * aws-chunked framing. Each gets its documented answer, the engine stays up, no
 * object appears that should not, and nothing lands outside the data directory.
 */

const engine = sharedS3TestEngine();
let credentials: RawCredentials;
let bucket: string;
const marker = `escape-${crypto.randomBytes(6).toString("hex")}`;

beforeAll(async () => {
  credentials = {
    endpoint: engine.running.s3Url,
    region: engine.running.config.s3.region,
    accessKeyId: engine.accessKeyId,
    secretAccessKey: engine.secretAccessKey,
  };
  bucket = await newBucket(engine.client, "hostile");
});

async function exists(key: string): Promise<boolean> {
  return engine.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(
    () => true,
    () => false,
  );
}

async function stillServes(): Promise<void> {
  await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "alive", Body: "yes" }));
  expect(await exists("alive")).toBe(true);
}

describe("the HTTP layer", () => {
  it("refuses oversize heads and smuggling, answering once and closing", async () => {
    const tally = new BadInputTally("HTTP framing");
    const url = engine.running.s3Url;
    const host = new URL(url).host;
    const smuggled = `GET /${bucket}/alive HTTP/1.1\r\nHost: ${host}\r\n\r\n`;
    const cases: Array<[string, string]> = [
      [
        "oversize header",
        requestHead("GET", "/", [
          ["Host", host],
          ["X-Big", "a".repeat(limits.maxHeaderBytes + 1024)],
        ]),
      ],
      [
        "many headers",
        requestHead("GET", "/", [
          ["Host", host],
          ...Array.from({ length: 3000 }, (_, index): [string, string] => [
            `X-H${index}`,
            "abcdefghijklmnopqrstuvwxyz",
          ]),
        ]),
      ],
      [
        "Content-Length and Transfer-Encoding",
        `POST /${bucket}?delete HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${smuggled}`,
      ],
      [
        "two different Content-Lengths",
        `PUT /${bucket}/cl2 HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 5\r\nContent-Length: ${5 + smuggled.length}\r\n\r\nhello${smuggled}`,
      ],
      [
        "two equal Content-Lengths",
        `PUT /${bucket}/cl3 HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello`,
      ],
      [
        "Content-Length not a number",
        `PUT /${bucket}/cl4 HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 5x\r\n\r\nhello`,
      ],
      ["negative Content-Length", `PUT /${bucket}/cl5 HTTP/1.1\r\nHost: ${host}\r\nContent-Length: -5\r\n\r\nhello`],
      [
        "space before the colon",
        `POST /${bucket}?delete HTTP/1.1\r\nHost: ${host}\r\nTransfer-Encoding : chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n`,
      ],
      [
        "obfuscated Transfer-Encoding",
        `POST /${bucket}?delete HTTP/1.1\r\nHost: ${host}\r\nTransfer-Encoding: xchunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n${smuggled}`,
      ],
      [
        "Transfer-Encoding chunked twice",
        `POST /${bucket}?delete HTTP/1.1\r\nHost: ${host}\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
      ],
      [
        "bad chunk size",
        `PUT /${bucket}/te1 HTTP/1.1\r\nHost: ${host}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n`,
      ],
      ["NUL in a header value", `GET / HTTP/1.1\r\nHost: ${host}\r\nX-A: a\u0000b\r\n\r\n`],
      ["CR alone in a header value", `GET / HTTP/1.1\r\nHost: ${host}\r\nX-A: a\rb\r\n\r\n`],
      ["folded header", `GET / HTTP/1.1\r\nHost: ${host}\r\nX-A: a\r\n b\r\n\r\n`],
      ["no HTTP version", `GET /\r\nHost: ${host}\r\n\r\n`],
      ["HTTP/2 preface on HTTP/1.1", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"],
    ];
    for (const [name, head] of cases) {
      const exchange = await rawExchange(url, head);
      const answer = firstAnswer(exchange);
      // Node's parser answers these itself, as a plain 400/431 (no S3 XML: no request was parsed).
      // Refused before the framing matters (anonymous: 403) is as right as refused for it.
      tally.record(name, answer, {
        status: name.includes("oversize") || name === "many headers" ? [431, 400] : [400, 403],
      });
      // One answer only: a second would be the smuggled request's.
      if (exchange.responses.length > 1) tally.wrong.push(`${name}: ${exchange.responses.length} responses`);
      if (!exchange.closedByServer) tally.wrong.push(`${name}: the connection was left open`);
    }
    tally.report();
    for (const key of ["cl2", "cl3", "cl4", "cl5", "te1"]) expect(await exists(key), key).toBe(false);
    await stillServes();
  });
});

describe("the S3 layer", () => {
  it("answers bad digests, bucket names, keys and ranges with their documented errors", async () => {
    const tally = new BadInputTally("S3 requests");
    const send = async (
      name: string,
      request: Parameters<typeof sendSigned>[2],
      expected: Parameters<BadInputTally["record"]>[2],
    ) => tally.record(name, firstAnswer(await sendSigned(credentials, engine.running.s3Url, request)), expected);
    const body = Buffer.from("hello, digest");
    const md5 = (data: Buffer) => crypto.createHash("md5").update(data).digest("base64");

    // Content-MD5 and checksums: a malformed value is InvalidDigest, a wrong one BadDigest; nothing is stored.
    for (const [label, value, code] of [
      ["not base64", "abc", "InvalidDigest"],
      ["too short", md5(body).slice(0, 10), "InvalidDigest"],
      ["of other bytes", md5(Buffer.from("other")), "BadDigest"],
      ["empty", "", "InvalidDigest"],
    ] as const) {
      await send(
        `Content-MD5 ${label}`,
        { method: "PUT", path: `/${bucket}/md5`, headers: { "content-md5": value }, body },
        {
          status: 400,
          code,
        },
      );
    }
    await send(
      "x-amz-checksum-crc32 of other bytes",
      { method: "PUT", path: `/${bucket}/md5`, headers: { "x-amz-checksum-crc32": "AAAAAA==" }, body },
      { status: 400, code: "BadDigest" },
    );
    await send(
      "x-amz-checksum-sha256 malformed",
      { method: "PUT", path: `/${bucket}/md5`, headers: { "x-amz-checksum-sha256": "nope" }, body },
      { status: 400, code: "InvalidRequest" },
    );
    expect(await exists("md5")).toBe(false);

    // Bucket names S3 refuses.
    for (const name of [
      "ab",
      "a".repeat(64),
      "Upper-case",
      "a_b",
      "-ab",
      "ab-",
      "a..b",
      "192.168.1.1",
      "xn--ab",
      "ab-s3alias",
      "sthree-ab",
      "a b",
      "%C3%A9tude",
    ]) {
      await send(
        `bucket name ${name.slice(0, 20)}`,
        { method: "PUT", path: `/${name.replace(" ", "%20")}` },
        {
          status: 400,
          code: "InvalidBucketName",
        },
      );
    }

    // Keys: malformed ones refused; path-like ones are only keys.
    const longKey = "k".repeat(limits.maxKeyBytes + 1);
    await send(
      "key with NUL",
      { method: "PUT", path: `/${bucket}/a%00b`, body },
      { status: 400, code: "InvalidArgument" },
    );
    await send(
      "key not UTF-8",
      { method: "PUT", path: `/${bucket}/%FF%FE`, body },
      { status: 400, code: "InvalidURI" },
    );
    await send(
      "key with a lone surrogate",
      { method: "PUT", path: `/${bucket}/%ED%A0%80`, body },
      { status: 400, code: "InvalidURI" },
    );
    await send(
      "key with a bad escape",
      { method: "PUT", path: `/${bucket}/a%zzb`, body },
      { status: 400, code: "InvalidURI" },
    );
    await send(
      `key of ${longKey.length} bytes`,
      { method: "PUT", path: `/${bucket}/${longKey}`, body },
      { status: 400, code: "KeyTooLongError" },
    );
    // As on the wire; the SDK would send "..", but "%2e%2e" is another spelling a hostile client may sign.
    const pathLike: Array<[wire: string, status: number | readonly number[]]> = [
      [`../../${marker}`, 200],
      [`..%2F..%2F..%2F${marker}-encoded`, 200],
      [`%2e%2e/%2e%2e/${marker}-dots`, [200, 403]],
      [`..%5C..%5C${marker}-backslash`, 200],
      [`/${marker}-leading-slash`, 200],
      [`${"k".repeat(limits.maxKeyBytes - 2)}%C3%A9`, 200],
    ];
    const storedKeys: string[] = [];
    for (const [wire, status] of pathLike) {
      const name = `path-like key ${wire.slice(0, 24)}`;
      const exchange = await sendSigned(credentials, engine.running.s3Url, {
        method: "PUT",
        path: `/${bucket}/${wire}`,
        body,
      });
      tally.record(name, firstAnswer(exchange), { status });
      if (exchange.responses[0]?.status === 200) storedKeys.push(decodeURIComponent(wire));
    }

    // Ranges over a 100-byte object.
    const object = Buffer.from(crypto.randomBytes(50).toString("hex"));
    await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: "ranged", Body: object }));
    const rangeCases: Array<[string, number, Buffer | null]> = [
      ["bytes=100-", 416, null],
      ["bytes=1000-2000", 416, null],
      ["bytes=-0", 416, null],
      ["bytes=99999999999999999999999-", 416, null],
      ["bytes=50-10", 200, object],
      ["bytes=0-1,5-6", 200, object],
      ["bytes=abc", 200, object],
      ["items=0-1", 200, object],
      ["bytes=--1", 200, object],
      ["bytes=-1000", 206, object],
      ["bytes=90-1000", 206, object.subarray(90)],
      ["bytes=-5", 206, object.subarray(95)],
    ];
    for (const [range, status, expected] of rangeCases) {
      const exchange = await sendSigned(credentials, engine.running.s3Url, {
        method: "GET",
        path: `/${bucket}/ranged`,
        extraHeaders: [["Range", range]],
        contentLength: null,
      });
      const answer = exchange.responses[0];
      tally.record(
        `range ${range}`,
        firstAnswer(exchange),
        status === 416 ? { status, code: "InvalidRange" } : { status },
      );
      if (answer && expected && !answer.body.equals(expected)) tally.wrong.push(`range ${range}: wrong bytes`);
    }
    tally.report();

    const listed = await engine.client.send(new ListObjectsV2Command({ Bucket: bucket }));
    const keys = (listed.Contents ?? []).map((entry) => entry.Key ?? "");
    expect(keys.filter((key) => key !== "alive").sort()).toEqual(["ranged", ...storedKeys].sort());
    expect(storedKeys.length).toBeGreaterThanOrEqual(pathLike.length - 1);
    expect(unexpectedFiles(engine.dataDir)).toEqual([]);
    expect(filesNamed(marker, engine.dataDir)).toEqual([]);
    await stillServes();
  });
});

describe("aws-chunked framing", () => {
  it("refuses tampered, mis-sized, truncated and over-long bodies, storing nothing", async () => {
    const tally = new BadInputTally("aws-chunked");
    const data = crypto.randomBytes(70_000);
    const chunks = [data.subarray(0, 65_536), data.subarray(65_536)];
    const send = async (
      name: string,
      key: string,
      edit: (body: Buffer) => Buffer,
      expected: Parameters<BadInputTally["record"]>[2],
      headers: Record<string, string> = {},
    ) => {
      const request = {
        method: "PUT",
        path: `/${bucket}/${key}`,
        headers: { "content-encoding": "aws-chunked", "x-amz-decoded-content-length": String(data.length), ...headers },
        payloadHash: "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
      };
      const signed = await signedHead(credentials, { ...request, contentLength: null });
      const framed = edit(buildChunkedBody({ chunks, signing: signed.signing }));
      const head = signed.head.replace(/\r\n\r\n$/, `\r\nContent-Length: ${framed.length}\r\n\r\n`);
      const exchange = await rawExchange(engine.running.s3Url, head, { body: framed, untilResponses: 1 });
      tally.record(name, firstAnswer(exchange), expected);
      if (expected.status !== 200 && (await exists(key))) tally.wrong.push(`${name}: the object was stored`);
    };
    const firstHeaderEnd = (body: Buffer) => body.indexOf("\r\n") + 2;
    await send("untampered (control)", "ok", (body) => body, { status: 200 });
    await send("a flipped data byte", "t1", (body) => flip(body, firstHeaderEnd(body) + 100), {
      status: 403,
      code: "SignatureDoesNotMatch",
    });
    await send("another signature digit", "t2", (body) => otherHexDigit(body, body.indexOf("chunk-signature=") + 20), {
      status: 403,
      code: "SignatureDoesNotMatch",
    });
    await send("chunk size larger than its data", "t3", (body) => replaceFirst(body, "10000;", "10010;"), {
      status: [400, 403],
    });
    await send("chunk size smaller than its data", "t4", (body) => replaceFirst(body, "10000;", "fff0;"), {
      status: 400,
      code: "IncompleteBody",
    });
    await send("chunk size not hexadecimal", "t5", (body) => replaceFirst(body, "10000;", "1000z;"), {
      status: 400,
      code: "IncompleteBody",
    });
    await send(
      "chunk over the size limit",
      "t6",
      (body) => replaceFirst(body, "10000;", `${(limits.maxAwsChunkBytes + 1).toString(16)};`),
      {
        status: 400,
        code: "InvalidRequest",
      },
    );
    await send("missing final chunk", "t7", (body) => body.subarray(0, body.lastIndexOf("0;chunk-signature=")), {
      status: 400,
      code: "IncompleteBody",
    });
    await send("data after the final chunk", "t8", (body) => Buffer.concat([body, Buffer.from("extra bytes")]), {
      status: 400,
      code: "IncompleteBody",
    });
    await send("chunk without its signature", "t9", (body) => replaceFirst(body, /;chunk-signature=[0-9a-f]{64}/, ""), {
      status: [400, 403],
    });
    await send(
      "decoded length too small",
      "t10",
      (body) => body,
      { status: 400, code: "IncompleteBody" },
      {
        "x-amz-decoded-content-length": String(data.length - 1),
      },
    );
    await send(
      "decoded length too large",
      "t11",
      (body) => body,
      { status: 400, code: "IncompleteBody" },
      {
        "x-amz-decoded-content-length": String(data.length + 1),
      },
    );
    await send(
      "line too long",
      "t12",
      (body) => replaceFirst(body, "10000;", `${"0".repeat(limits.maxAwsChunkLineBytes)}10000;`),
      {
        status: 400,
      },
    );
    tally.report();
    await stillServes();
  });
});

function flip(body: Buffer, offset: number): Buffer {
  const copy = Buffer.from(body);
  copy[offset] ^= 0x01;
  return copy;
}

function otherHexDigit(body: Buffer, offset: number): Buffer {
  const copy = Buffer.from(body);
  copy[offset] = copy[offset] === 0x30 ? 0x31 : 0x30;
  return copy;
}

function replaceFirst(body: Buffer, from: string | RegExp, to: string): Buffer {
  const text = body.toString("latin1");
  return Buffer.from(text.replace(from, to), "latin1");
}
