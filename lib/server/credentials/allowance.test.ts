import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { AdminApiError } from "@/lib/admin-api/errors";
import type { Connection } from "@/lib/connections/types";
import { offersAllowances } from "./allowance";

/** Whether a cluster keeps bucket allowances, asked of a server that answers as a proxy or a cluster might. */

const servers: http.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function clusterAnswering(status: number, contentType: string, body: string): Promise<Connection> {
  const server = http.createServer((_request, response) => {
    response.writeHead(status, { "content-type": contentType }).end(body);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    id: `test-${port}`,
    name: "test",
    adminUrl: `http://127.0.0.1:${port}`,
    adminToken: "token",
    s3Endpoint: `http://127.0.0.1:${port}`,
    region: "garage",
  };
}

describe("offersAllowances", () => {
  it("is false behind a proxy that answers 404 in HTML (the endpoint is not there), not an unreachable cluster", async () => {
    const connection = await clusterAnswering(404, "text/html", "<html><body>404 Not Found</body></html>");
    expect(await offersAllowances(connection)).toBe(false);
  });

  it("is false for Garage's own JSON 404", async () => {
    const connection = await clusterAnswering(404, "application/json", '{"code":"NotFound","message":"no such path"}');
    expect(await offersAllowances(connection)).toBe(false);
  });

  it("still reports a cluster that cannot be reached", async () => {
    const connection = await clusterAnswering(404, "text/plain", "");
    const unreachable = { ...connection, id: "gone", adminUrl: "http://127.0.0.1:1" };
    await expect(offersAllowances(unreachable)).rejects.toBeInstanceOf(AdminApiError);
  });
});
