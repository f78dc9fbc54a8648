import "server-only";
import { S3Client } from "@aws-sdk/client-s3";
import { getConsoleStore } from "@/lib/server/auth/store";
import { authenticateKey, type KubemqCaller } from "./caller";
import { KubemqError, toKubemqError } from "./errors";
import { maxRequestBytes } from "@/lib/kubemq/limits";
import { kubemqMethodTable, type MethodResult } from "./methods";
import { parseKubemqRequest } from "./request";

/**
 * POST /api/v1/kubemq/s3: KubeMQ's aws-s3 target served by the console. The key's secret
 * is checked first (wrong key: 401), then the body is read within its limit, parsed, and
 * its method run as an S3 client signed with that key against the key's cluster.
 */
const noStore = { "Cache-Control": "no-store" };

export function kubemqSuccess(result: MethodResult): Response {
  const data =
    result === null
      ? null
      : "bytes" in result
        ? result.bytes.toString("base64")
        : Buffer.from(JSON.stringify(result.json)).toString("base64");
  return Response.json({ metadata: { result: "ok" }, data, is_error: false, error: "" }, { headers: noStore });
}

export function kubemqFailure(error: KubemqError): Response {
  return Response.json(
    { metadata: {}, data: null, is_error: true, error: error.message },
    { status: error.status, headers: noStore },
  );
}

/** The body, read as it arrives and refused as soon as it passes the limit (never buffered past it). */
async function readLimitedBody(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  const tooLarge = () =>
    new KubemqError("BadRequest", `the request is larger than ${maxRequestBytes} bytes (an item is at most 64 MiB)`);
  if (declared > maxRequestBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let total = 0;
  const reader = request.body?.getReader();
  for (;;) {
    const chunk = await reader?.read();
    if (!chunk || chunk.done) break;
    total += chunk.value.byteLength;
    if (total > maxRequestBytes) {
      await reader?.cancel();
      throw tooLarge();
    }
    chunks.push(Buffer.from(chunk.value));
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new KubemqError("BadRequest", "the request is not valid JSON");
  }
}

function s3For(caller: KubemqCaller): S3Client {
  return new S3Client({
    endpoint: caller.connection.s3Endpoint,
    region: caller.connection.region,
    forcePathStyle: true,
    credentials: { accessKeyId: caller.accessKeyId, secretAccessKey: caller.secretAccessKey },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: 1,
  });
}

export async function handleKubemq(request: Request): Promise<Response> {
  try {
    const store = await getConsoleStore();
    const caller = await authenticateKey(store, request.headers.get("authorization"));
    const parsed = parseKubemqRequest(await readLimitedBody(request));
    const s3 = s3For(caller);
    try {
      return kubemqSuccess(await kubemqMethodTable[parsed.method]({ s3, caller, store }, parsed));
    } finally {
      s3.destroy();
    }
  } catch (error) {
    return kubemqFailure(toKubemqError(error));
  }
}
