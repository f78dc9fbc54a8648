import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { pipeline } from "node:stream/promises";

/**
 * The raw ceiling: a minimal node:http server that does only what any object store
 * must do, with nothing else. GET streams a file from disk; PUT writes the body to
 * a file and fsyncs it; DELETE unlinks. No auth, no hashing, no metadata: the
 * bench drives it with the same signed requests and load generator as the engine.
 * Usage: node --import tsx bench/ceiling-server.ts <dir>; prints "listening <url>".
 */

const rootDir = process.argv[2];
if (!rootDir) {
  console.error("usage: ceiling-server.ts <dir>");
  process.exit(2);
}

/** /bucket/a/b → <root>/bucket/a%2Fb: one flat folder per bucket. */
function filePath(urlPath: string): { bucketDir: string; file: string | null } {
  const [bucket, ...rest] = urlPath.split("?")[0].slice(1).split("/");
  const bucketDir = path.join(rootDir, encodeURIComponent(decodeURIComponent(bucket)));
  const key = rest.join("/");
  return { bucketDir, file: key === "" ? null : path.join(bucketDir, encodeURIComponent(decodeURIComponent(key))) };
}

async function put(request: http.IncomingMessage, response: http.ServerResponse, file: string): Promise<void> {
  const handle = await fs.promises.open(file, "w");
  try {
    for await (const chunk of request) await handle.write(chunk as Buffer);
    // The durability every store owes a PUT before answering 200.
    await handle.sync();
  } finally {
    await handle.close();
  }
  response.writeHead(200, { etag: '"0"' }).end();
}

async function get(response: http.ServerResponse, file: string): Promise<void> {
  const handle = await fs.promises.open(file, "r");
  const { size } = await handle.stat();
  response.writeHead(200, { "content-length": size });
  await pipeline(handle.createReadStream(), response);
}

async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const { bucketDir, file } = filePath(request.url ?? "/");
  if (file === null && request.method === "PUT") {
    await fs.promises.mkdir(bucketDir, { recursive: true });
    response.writeHead(200).end();
  } else if (file !== null && request.method === "PUT") await put(request, response, file);
  else if (file !== null && request.method === "GET") await get(response, file);
  else if (file !== null && request.method === "DELETE") {
    await fs.promises.unlink(file);
    response.writeHead(204).end();
  } else {
    request.resume();
    response.writeHead(501).end();
  }
}

const server = http.createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
  handle(request, response).catch((error: unknown) => {
    const missing = error instanceof Error && "code" in error && error.code === "ENOENT";
    if (!response.headersSent) response.writeHead(missing ? 404 : 500).end();
    else response.destroy();
  });
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object") console.log(`listening http://127.0.0.1:${address.port}`);
});
process.once("SIGTERM", () => server.close(() => process.exit(0)));
