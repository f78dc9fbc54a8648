import {
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import {
  newBucket,
  type RawCredentials,
  sharedS3TestEngine,
  signedFetch,
  signRaw,
  uniqueBucketName,
} from "../../server/s3/tests/helpers";
import { limits } from "../../server/util/limits";
import { rawExchange, repeatedBody, requestHead } from "./raw-http";
import { BadInputTally } from "./tally";

/**
 * Hostile XML against every operation that reads an XML body (DeleteObjects,
 * CompleteMultipartUpload, CreateBucket's configuration): each is refused with its
 * documented error, the server stays up, and nothing is deleted, completed or
 * created by a document that should have been refused. AWS refuses any DOCTYPE.
 */

const engine = sharedS3TestEngine();
const mib = 1024 * 1024;

/** Keys spelled like the entity references below: a parser that keeps references literally would delete them. */
const bystanderKeys = ["a", "&lol9;", "&x;", "&nbsp;", "lol", "passwd"];

/**
 * Each hostile document: the operation's root around `inner(value)`, where `value`
 * is text in a place the operation reads (a key, an ETag, a location) and
 * `inner(baseline)` is a valid request. All must be MalformedXML.
 */
function hostileDocuments(
  root: string,
  inner: (value: string) => string,
  baseline: string,
): Array<[string, string | Buffer]> {
  const open = `<${root} xmlns="http://s3.amazonaws.com/doc/2006-03-01/">`;
  const close = `</${root}>`;
  const laughs = Array.from({ length: 9 }, (_, level) =>
    level === 0 ? `<!ENTITY lol1 "lol">` : `<!ENTITY lol${level + 1} "${`&lol${level};`.repeat(10)}">`,
  ).join("");
  const valid = inner(baseline);
  const withValue = (value: string) => `${open}${inner(value)}${close}`;
  return [
    ["empty", ""],
    ["white space only", "  \n "],
    ["truncated", `${open}${valid}`],
    ["wrong root", `<Wrong>${valid}</Wrong>`],
    ["not XML", "this is not xml"],
    [
      "external entity (file)",
      `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>${withValue("&x;")}`,
    ],
    ["external entity (http)", `<!DOCTYPE d [<!ENTITY x SYSTEM "http://127.0.0.1:1/x">]>${withValue("&x;")}`],
    ["parameter entity", `<!DOCTYPE d [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>${withValue(baseline)}`],
    ["billion laughs", `<?xml version="1.0"?><!DOCTYPE lolz [${laughs}]>${withValue("&lol9;")}`],
    ["bare DOCTYPE", `<!DOCTYPE ${root}>${withValue(baseline)}`],
    ["undefined entity", withValue("&lol9;")],
    ["HTML entity", withValue("&nbsp;")],
    ["reference to NUL", withValue(`${baseline}&#0;`)],
    ["raw NUL", withValue(`${baseline}\u0000`)],
    [
      "invalid UTF-8",
      Buffer.concat([
        Buffer.from(`${open}${inner("\u0001").split("\u0001")[0]}`),
        Buffer.from([0xff]),
        Buffer.from(`${inner("\u0001").split("\u0001")[1]}${close}`),
      ]),
    ],
    ["prototype pollution", `${open}<__proto__><polluted>1</polluted></__proto__>${valid}${close}`],
    ["deep nesting", `${open}${"<x>".repeat(20_000)}${"</x>".repeat(20_000)}${valid}${close}`],
    ["unclosed CDATA", `${open}<![CDATA[${valid}${close}`],
  ];
}

describe("hostile XML bodies", () => {
  it("are refused with their documented error by every XML operation, and change nothing", async () => {
    const running = engine.running;
    const credentials: RawCredentials = {
      endpoint: running.s3Url,
      region: running.config.s3.region,
      accessKeyId: engine.accessKeyId,
      secretAccessKey: engine.secretAccessKey,
    };
    const bucket = await newBucket(engine.client, "xml");
    for (const key of bystanderKeys)
      await engine.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }));
    const upload = await engine.client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: "mp" }));
    const part = await engine.client.send(
      new UploadPartCommand({ Bucket: bucket, Key: "mp", UploadId: upload.UploadId, PartNumber: 1, Body: "part" }),
    );
    const tally = new BadInputTally("XML");
    const createdBuckets: string[] = [];

    const targets: Array<{
      name: string;
      root: string;
      inner: (value: string) => string;
      baseline: string;
      send: (body: Buffer) => Promise<Response>;
    }> = [
      {
        name: "DeleteObjects",
        root: "Delete",
        inner: (key) => `<Object><Key>${key}</Key></Object>`,
        baseline: "a",
        send: (body) => signedFetch(credentials, { method: "POST", path: `/${bucket}`, query: { delete: "" }, body }),
      },
      {
        name: "CompleteMultipartUpload",
        root: "CompleteMultipartUpload",
        inner: (value) => `<Part><PartNumber>1</PartNumber><ETag>${value}${part.ETag}</ETag></Part>`,
        baseline: "",
        send: (body) =>
          signedFetch(credentials, {
            method: "POST",
            path: `/${bucket}/mp`,
            query: { uploadId: upload.UploadId ?? "" },
            body,
          }),
      },
      {
        name: "CreateBucket",
        root: "CreateBucketConfiguration",
        inner: (value) => `<LocationConstraint>${value}${running.config.s3.region}</LocationConstraint>`,
        baseline: "",
        send: (body) => {
          const name = uniqueBucketName("xmlcb");
          createdBuckets.push(name);
          return signedFetch(credentials, { method: "PUT", path: `/${name}`, body });
        },
      },
    ];
    for (const target of targets) {
      for (const [label, document] of hostileDocuments(target.root, target.inner, target.baseline)) {
        // CreateBucket takes an empty body (no configuration) as valid.
        if (target.name === "CreateBucket" && label === "empty") continue;
        if (target.name === "CreateBucket" && label === "white space only") continue;
        const response = await target.send(Buffer.isBuffer(document) ? document : Buffer.from(document, "utf8"));
        tally.record(
          `${target.name}: ${label}`,
          { status: response.status, body: await response.text() },
          {
            status: 400,
            code: "MalformedXML",
          },
        );
      }
    }

    // A 100 MB body is cut off at the limit, streamed (the test never holds it whole).
    for (const target of targets.slice(0, 2)) {
      const path = target.name === "DeleteObjects" ? `/${bucket}` : `/${bucket}/mp`;
      const query: Record<string, string> =
        target.name === "DeleteObjects" ? { delete: "" } : { uploadId: upload.UploadId ?? "" };
      const sizeBytes = 100 * 1000 * 1000;
      const signed = await signRaw(credentials, {
        method: "POST",
        path,
        query,
        headers: { "content-length": String(sizeBytes) },
        payloadHash: "UNSIGNED-PAYLOAD",
      });
      const url = new URL(signed.url);
      const head = requestHead("POST", `${url.pathname}${url.search}`, [
        ["Host", url.host],
        ...Object.entries(signed.headers),
      ]);
      const exchange = await rawExchange(running.s3Url, head, {
        body: repeatedBody(Buffer.from(`<${target.root}>${"<Object><Key>k</Key></Object>".repeat(1000)}`), sizeBytes),
      });
      const answer = exchange.responses[0];
      tally.record(
        `${target.name}: 100 MB body`,
        answer ? { status: answer.status, body: answer.body.toString("utf8") } : null,
        { status: 400, code: "MaxMessageLengthExceeded" },
      );
    }
    expect(limits.maxXmlBodyBytes).toBeLessThan(100 * mib);

    tally.report();
    // Nothing changed: every bystander is still there, the upload is still open, no bucket was made.
    const listed = await engine.client.send(new ListObjectsV2Command({ Bucket: bucket }));
    expect((listed.Contents ?? []).map((entry) => entry.Key).sort()).toEqual([...bystanderKeys].sort());
    const uploads = await engine.client.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
    expect(uploads.Uploads?.map((entry) => entry.UploadId)).toEqual([upload.UploadId]);
    for (const name of createdBuckets) expect(running.engine.buckets.resolveName(name, engine.accessKeyId)).toBeFalsy();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    // The same documents without their hostile part are accepted: the refusals above were for the hostility.
    for (const target of targets) {
      const valid = `<${target.root} xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${target.inner(target.baseline)}</${target.root}>`;
      const response = await target.send(Buffer.from(valid));
      expect(response.status, `${target.name}: ${await response.text()}`).toBe(200);
    }
    const after = await engine.client.send(new ListObjectsV2Command({ Bucket: bucket }));
    expect((after.Contents ?? []).map((entry) => entry.Key).sort()).toEqual(
      [...bystanderKeys.filter((key) => key !== "a"), "mp"].sort(),
    );
    expect(running.engine.buckets.resolveName(createdBuckets.at(-1) ?? "", engine.accessKeyId)).toBeTruthy();
  });
});
