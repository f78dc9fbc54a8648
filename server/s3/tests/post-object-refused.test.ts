import http from "node:http";
import { describe, expect, it } from "vitest";
import { limits } from "../../util/limits";
import { expectErrorXml, newBucket, seededBytes, sharedS3TestEngine } from "./helpers";
import { postForm } from "./post-helpers";

/**
 * A form refused while the client is still sending it: the rest is read (up to
 * limits.maxRefusedPostDrainBytes) and the client receives the error, as from AWS,
 * never a reset connection; past the limit the answer comes at once and closes.
 */

const engine = sharedS3TestEngine();

describe("a refused form upload", () => {
  it("answers the error after reading the rest of a large file, on a connection kept alive", async () => {
    const bucket = await newBucket(engine.client, "post-drain");
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const file = { body: seededBytes(6 * 1024 * 1024, "post-drain"), name: "big.bin" };
      // Anonymous, on a private bucket: refused once the fields before the file are read.
      const form = new Request("http://form.invalid/", { method: "POST", body: postForm({ key: "big.bin" }, file) });
      const body = Buffer.from(await form.arrayBuffer());
      const contentType = form.headers.get("content-type") ?? "";
      for (let attempt = 0; attempt < 2; attempt++) {
        const answer = await send(bucket, agent, { "content-type": contentType }, [body]);
        expect(answer.status, answer.body).toBe(403);
        expectErrorXml(answer.body, "AccessDenied");
        expect(answer.headers.connection).not.toBe("close");
      }
    } finally {
      agent.destroy();
    }
  });

  it("answers at once and closes the connection when the form declares more than the limit", async () => {
    const bucket = await newBucket(engine.client, "post-drain-limit");
    const boundary = "carport-refused-form";
    const head = Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="key"\r\n\r\nhuge.bin\r\n` +
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="huge.bin"\r\n` +
        "content-type: application/octet-stream\r\n\r\n",
    );
    // Only the start of the declared body is sent: the answer must not wait for the rest.
    const answer = await send(
      bucket,
      undefined,
      {
        "content-type": `multipart/form-data; boundary=${boundary}`,
        "content-length": String(limits.maxRefusedPostDrainBytes + head.length + 1),
      },
      [head, Buffer.alloc(64 * 1024)],
      { leaveOpen: true },
    );
    expect(answer.status, answer.body).toBe(403);
    expectErrorXml(answer.body, "AccessDenied");
    expect(answer.headers.connection).toBe("close");
  });
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A POST written chunk by chunk; with leaveOpen, the request is never ended (its body stays short). */
function send(
  bucket: string,
  agent: http.Agent | undefined,
  headers: Record<string, string>,
  chunks: Buffer[],
  options: { leaveOpen?: boolean } = {},
): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    const request = http.request(
      `${engine.running.s3Url}/${bucket}`,
      { method: "POST", agent, headers },
      (response) => {
        const parts: Buffer[] = [];
        response.on("data", (chunk: Buffer) => parts.push(chunk));
        response.on("end", () => {
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(parts).toString(),
          });
          if (options.leaveOpen) request.destroy();
        });
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    for (const chunk of chunks) request.write(chunk);
    if (!options.leaveOpen) request.end();
  });
}
