import crypto from "node:crypto";
import http from "node:http";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type RawCredentials, signRaw } from "../../server/s3/tests/helpers";

/**
 * Large bodies over plain HTTP, streamed both ways and hashed on the fly, so the
 * test holds none of them (UNSIGNED-PAYLOAD: the signature covers the request,
 * the body is checked by its hash at the end).
 */

export async function streamPut(
  credentials: RawCredentials,
  path: string,
  body: Readable,
  sizeBytes: number,
): Promise<{ status: number; text: string }> {
  const signed = await signRaw(credentials, {
    method: "PUT",
    path,
    headers: { "content-length": String(sizeBytes) },
    payloadHash: "UNSIGNED-PAYLOAD",
  });
  return new Promise((resolve, reject) => {
    const request = http.request(signed.url, { method: "PUT", headers: signed.headers }, (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
      response.on("error", reject);
    });
    request.on("error", reject);
    pipeline(body, request).catch(reject);
  });
}

export interface GetOutcome {
  status: number;
  sizeBytes: number;
  sha256: string;
}

/**
 * GETs `path`, hashing as it reads. `slow`: reads `pieceBytes` every `everyMs`
 * for the first `slowBytes`, leaving the rest of the body to wait on the server.
 */
export async function streamGet(
  credentials: RawCredentials,
  path: string,
  slow?: { slowBytes: number; pieceBytes: number; everyMs: number },
): Promise<GetOutcome> {
  const signed = await signRaw(credentials, { method: "GET", path });
  return new Promise((resolve, reject) => {
    const request = http.get(signed.url, { headers: signed.headers }, (response) => {
      const hash = crypto.createHash("sha256");
      let sizeBytes = 0;
      const finish = () => resolve({ status: response.statusCode ?? 0, sizeBytes, sha256: hash.digest("hex") });
      if (!slow) {
        response.on("data", (chunk: Buffer) => {
          hash.update(chunk);
          sizeBytes += chunk.length;
        });
        response.on("end", finish);
        response.on("error", reject);
        return;
      }
      // Paused mode: read() pulls at most what we ask, so the rest stays in the server's hands.
      const drip = setInterval(() => {
        for (let chunk = response.read(slow.pieceBytes) as Buffer | null; chunk !== null; chunk = null) {
          hash.update(chunk);
          sizeBytes += chunk.length;
        }
        if (sizeBytes >= slow.slowBytes) {
          clearInterval(drip);
          response.on("data", (chunk: Buffer) => {
            hash.update(chunk);
            sizeBytes += chunk.length;
          });
        }
      }, slow.everyMs);
      response.on("end", () => {
        clearInterval(drip);
        finish();
      });
      response.on("error", (error) => {
        clearInterval(drip);
        reject(error);
      });
    });
    request.on("error", reject);
  });
}
