import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { pipeline } from "node:stream/promises";

/**
 * The raw ceiling: a minimal node:http server that does only what any object store
 * must do, and does it the cheapest honest way, so the ceilings are high and the
 * engine's ratios strict. GET answers a file's bytes; PUT writes the body to a file
 * and fsyncs it before answering; DELETE unlinks. No auth, no hashing, no metadata.
 * The bench drives it with the same signed requests and load generator as the engine.
 *
 * Cheapest honest way: every async fs call is a round trip through libuv's thread
 * pool (~20-40 µs of the loop's time here), and a 4 KiB object needs open, stat,
 * read and close. A small file is therefore read, or created and written, with
 * synchronous calls (the page cache answers in microseconds and nothing waits on
 * the disk), and only the fsync, which does wait on the disk, goes to the pool.
 * Large files stream in 1 MiB reads and batched writes (fs.WriteStream gathers the
 * socket's 64 KiB chunks into one writev while the previous write is in flight).
 * Usage: node --import tsx bench/ceiling-server.ts <dir>; prints "listening <url>".
 */

const rootDir = process.argv[2];
if (!rootDir) {
  console.error("usage: ceiling-server.ts <dir>");
  process.exit(2);
}
const smallFileMaxBytes = 64 * 1024;
const readChunkBytes = 1024 * 1024;

/** /bucket/a/b → <root>/bucket/a%2Fb: one flat folder per bucket. */
function filePath(urlPath: string): { bucketDir: string; file: string | null } {
  const [bucket, ...rest] = urlPath.split("?")[0].slice(1).split("/");
  const bucketDir = path.join(rootDir, encodeURIComponent(decodeURIComponent(bucket)));
  const key = rest.join("/");
  return { bucketDir, file: key === "" ? null : path.join(bucketDir, encodeURIComponent(decodeURIComponent(key))) };
}

function fsync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fs.fsync(fd, (error) => (error ? reject(error) : resolve())));
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

async function putSmall(request: http.IncomingMessage, file: string): Promise<void> {
  const body = await readBody(request);
  const fd = fs.openSync(file, "w");
  try {
    fs.writeSync(fd, body);
    // The durability every store owes a PUT before answering 200.
    await fsync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

async function putLarge(request: http.IncomingMessage, file: string): Promise<void> {
  // flush: the stream fsyncs the file before it closes it, and the pipeline ends only after the close.
  await pipeline(request, fs.createWriteStream(file, { flush: true }));
}

async function put(request: http.IncomingMessage, response: http.ServerResponse, file: string): Promise<void> {
  const declaredBytes = Number(request.headers["content-length"] ?? Number.POSITIVE_INFINITY);
  await (declaredBytes <= smallFileMaxBytes ? putSmall(request, file) : putLarge(request, file));
  response.writeHead(200, { etag: '"0"', "content-length": 0 }).end();
}

async function get(response: http.ServerResponse, file: string): Promise<void> {
  const fd = fs.openSync(file, "r");
  let closeHere = true;
  try {
    const sizeBytes = fs.fstatSync(fd).size;
    if (sizeBytes <= smallFileMaxBytes) {
      const body = Buffer.allocUnsafe(sizeBytes);
      const readBytes = fs.readSync(fd, body, 0, sizeBytes, 0);
      response.writeHead(200, { "content-length": readBytes }).end(body.subarray(0, readBytes));
      return;
    }
    response.writeHead(200, { "content-length": sizeBytes });
    closeHere = false;
    await pipeline(fs.createReadStream("", { fd, highWaterMark: readChunkBytes }), response);
  } finally {
    if (closeHere) fs.closeSync(fd);
  }
}

async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const { bucketDir, file } = filePath(request.url ?? "/");
  if (file === null && request.method === "PUT") {
    request.resume();
    await fs.promises.mkdir(bucketDir, { recursive: true });
    response.writeHead(200, { "content-length": 0 }).end();
  } else if (file !== null && request.method === "PUT") await put(request, response, file);
  else if (file !== null && request.method === "GET") await get(response, file);
  else if (file !== null && request.method === "DELETE") {
    request.resume();
    await fs.promises.unlink(file);
    response.writeHead(204).end();
  } else {
    request.resume();
    response.writeHead(501, { "content-length": 0 }).end();
  }
}

const server = http.createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
  handle(request, response).catch((error: unknown) => {
    const missing = error instanceof Error && "code" in error && error.code === "ENOENT";
    if (!response.headersSent) response.writeHead(missing ? 404 : 500, { "content-length": 0 }).end();
    else response.destroy();
  });
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object") console.log(`listening http://127.0.0.1:${address.port}`);
});
process.once("SIGTERM", () => server.close(() => process.exit(0)));
