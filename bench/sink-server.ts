import http from "node:http";

/**
 * The load generator's own limit: a server that does nothing. PUT reads the body
 * into a sink and remembers only its size; GET answers that many bytes from one
 * buffer in memory; DELETE forgets the size. Driven with the same client, concurrency and sizes as every
 * ceiling and engine phase, it shows what the generator can push at most; a
 * figure close to it is the client's, not the server's.
 * Usage: node --import tsx bench/sink-server.ts; prints "listening <url>".
 */

const sizes = new Map<string, number>();
let memory = Buffer.alloc(0);

function bodyOfSize(sizeBytes: number): Buffer {
  if (memory.length < sizeBytes) memory = Buffer.alloc(sizeBytes, 0x61);
  return memory.subarray(0, sizeBytes);
}

const server = http.createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
  const path = (request.url ?? "/").split("?")[0];
  if (request.method === "PUT") {
    let sizeBytes = 0;
    request.on("data", (chunk: Buffer) => (sizeBytes += chunk.length));
    request.on("end", () => {
      sizes.set(path, sizeBytes);
      response.writeHead(200, { etag: '"0"', "content-length": 0 }).end();
    });
    return;
  }
  request.resume();
  if (request.method === "DELETE") {
    sizes.delete(path);
    response.writeHead(204).end();
    return;
  }
  const sizeBytes = request.method === "GET" ? sizes.get(path) : undefined;
  if (sizeBytes === undefined) response.writeHead(404, { "content-length": 0 }).end();
  else response.writeHead(200, { "content-length": sizeBytes }).end(bodyOfSize(sizeBytes));
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object") console.log(`listening http://127.0.0.1:${address.port}`);
});
process.once("SIGTERM", () => server.close(() => process.exit(0)));
