import http from "node:http";
import type { AddressInfo } from "node:net";
import { splitBindAddr } from "../config";
import { limits } from "../util/limits";

export type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface Listener {
  server: http.Server;
  /** http://host:port as bound (the real port when 0 was asked). */
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface ListenOptions {
  headersTimeoutMs: number;
  /**
   * The handler answers `Expect: 100-continue` itself, once it knows the request
   * will be served, so a refused one gets its final status and never a 100.
   */
  handlerSendsContinue?: boolean;
}

/** Starts an HTTP listener with bounded headers and timeouts, so no connection is held forever. */
export async function listen(
  handler: RequestHandler,
  bindAddr: string,
  options: ListenOptions = { headersTimeoutMs: limits.headersTimeoutMs },
): Promise<Listener> {
  const { host, port } = splitBindAddr(bindAddr);
  const server = http.createServer(
    {
      maxHeaderSize: limits.maxHeaderBytes,
      headersTimeout: options.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // Node checks both timeouts on this period (30 s by default), so a slow-header socket
      // lived up to 30 s past its timeout; checked every second, it is closed on time.
      connectionsCheckingInterval: limits.connectionsCheckingIntervalMs,
    },
    handler,
  );
  server.on("checkContinue", (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!options.handlerSendsContinue) res.writeContinue();
    handler(req, res);
  });
  // Any other Expect value (or an empty one) is ignored, as AWS does, instead of Node's 417.
  server.on("checkExpectation", handler);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    server,
    port: address.port,
    url: `http://${shownHost === "0.0.0.0" ? "127.0.0.1" : shownHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), limits.closeGraceMs).unref();
      }),
  };
}

let requestCounter = 0;
const requestIdPrefix = Date.now().toString(16).toUpperCase();

/** A short unique id per request, returned in x-amz-request-id and error bodies. */
export function newRequestId(): string {
  requestCounter = (requestCounter + 1) % 0x1_0000_0000;
  return `${requestIdPrefix}${requestCounter.toString(16).toUpperCase().padStart(8, "0")}`;
}
