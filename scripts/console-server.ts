import http from "node:http";
import next from "next";
import { clientAddressFor, clientAddressHeader, isProxyTrusted } from "../lib/auth/client-address";
import { repoRoot } from "./lib/paths";

/**
 * The console's HTTP server: Next.js (production, or development with --dev) behind a
 * plain Node listener, so every request carries the client's address in a header only
 * this server writes (`next start` would trust a client's own X-Forwarded-For, which
 * would let a password guesser pick a fresh address per attempt). Started by scripts/start.ts.
 */
const dev = process.argv.includes("--dev");
const hostname = "127.0.0.1";
const port = Number(process.env.PORT ?? 3000);
const trustProxy = isProxyTrusted(process.env);

async function main(): Promise<void> {
  const app = next({ dev, dir: repoRoot, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = http.createServer((request, response) => {
    request.headers[clientAddressHeader] = clientAddressFor(
      request.socket.remoteAddress,
      request.headers["x-forwarded-for"],
      trustProxy,
    );
    handle(request, response).catch((error: unknown) => {
      console.error("console server: unhandled request error", error);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  server.listen(port, hostname, () => console.log(`console server: listening on http://${hostname}:${port}`));
  const stop = (signal: NodeJS.Signals) => {
    server.close();
    app.close().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`console server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
