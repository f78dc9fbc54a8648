import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A door in front of an engine's admin API that makes it look like another cluster:
 * `refuse` answers what that cluster does not have (Garage has no /carport/ endpoints,
 * Garage 1.x no /v2/); every other request is forwarded with its token and body.
 */
export interface Refusal {
  status: number;
  contentType: string;
  body: string;
}

export interface AdminDoor {
  server: http.Server;
  url: string;
}

const forwardedHeaders = ["authorization", "content-type"];

function forward(target: string, request: http.IncomingMessage, response: http.ServerResponse): void {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const headers = Object.fromEntries(
      forwardedHeaders.flatMap((name) => {
        const value = request.headers[name];
        return typeof value === "string" ? [[name, value]] : [];
      }),
    );
    fetch(new URL(request.url ?? "/", target), { method: request.method, headers, body }).then(
      async (answer) => {
        const contentType = answer.headers.get("content-type");
        response.writeHead(answer.status, contentType ? { "Content-Type": contentType } : {});
        response.end(Buffer.from(await answer.arrayBuffer()));
      },
      () => response.writeHead(502).end(),
    );
  });
}

export async function openAdminDoor(target: string, refuse: (url: string) => Refusal | null): Promise<AdminDoor> {
  const server = http.createServer((request, response) => {
    const refusal = refuse(request.url ?? "/");
    if (refusal) {
      response.writeHead(refusal.status, { "Content-Type": refusal.contentType }).end(refusal.body);
      return;
    }
    forward(target, request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
