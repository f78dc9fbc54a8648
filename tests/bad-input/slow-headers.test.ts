import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../server/config";
import { startTestEngine, type TestEngine } from "../../server/testing/engine-fixture";
import { limits } from "../../server/util/limits";

/**
 * Slowloris: a connection that never finishes its request head is answered 408 and
 * closed at the configured header timeout on every listener (S3, website, admin),
 * not up to 30 s later (Node's default check period).
 */

const headersTimeoutMs = 1500;
let engine: TestEngine;

beforeAll(async () => {
  engine = await startTestEngine({ configure: (config) => ({ ...config, http: { headersTimeoutMs } }) });
});
afterAll(async () => {
  await engine?.cleanup();
});

interface Closed {
  afterMs: number;
  answer: string;
}

/** Opens a socket that sends nothing (idle) or a request head one header line at a time (drip). */
function slowSocket(url: string, mode: "idle" | "drip"): Promise<Closed> {
  const { hostname, port } = new URL(url);
  const startedMs = performance.now();
  return new Promise((resolve, reject) => {
    let answer = "";
    const socket = net.connect(Number(port), hostname);
    let drip: NodeJS.Timeout | null = null;
    socket.on("connect", () => {
      if (mode === "idle") return;
      socket.write("GET / HTTP/1.1\r\nHost: x\r\n");
      drip = setInterval(() => socket.writable && socket.write(`X-Drip: ${Date.now()}\r\n`), 200);
    });
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString("latin1")));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      if (drip) clearInterval(drip);
      resolve({ afterMs: performance.now() - startedMs, answer });
    });
    // The test's own guard, far beyond the bug's 30 s: a socket still open then is a failure, not a hang.
    setTimeout(() => {
      socket.destroy();
      reject(new Error(`${mode} socket to ${url} still open after 45 s`));
    }, 45_000).unref();
  });
}

describe("slow request heads", () => {
  it("are closed with 408 at the header timeout on all three listeners", async () => {
    const urls = [engine.running.s3Url, engine.running.webUrl, engine.running.adminUrl];
    const closed = await Promise.all(urls.flatMap((url) => [slowSocket(url, "idle"), slowSocket(url, "drip")]));
    const latest = Math.max(...closed.map((entry) => entry.afterMs));
    console.log(
      `slow headers: ${closed.length} sockets, header timeout ${headersTimeoutMs} ms, closed after ` +
        `${Math.round(Math.min(...closed.map((entry) => entry.afterMs)))}-${Math.round(latest)} ms`,
    );
    for (const entry of closed) {
      expect(entry.answer).toMatch(/^HTTP\/1\.1 408 /);
      // Never before the timeout; and within one check period of it (the bug: up to 30 s after).
      expect(entry.afterMs).toBeGreaterThanOrEqual(headersTimeoutMs - 50);
    }
    expect(latest).toBeLessThan(headersTimeoutMs + limits.connectionsCheckingIntervalMs + 10_000);
    // The engine still serves.
    expect((await engine.adminFetch("GetClusterHealth")).status).toBe(200);
  });
});

describe("the header timeout's configuration", () => {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "carport-http-config-"));
  afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

  it("defaults to the limit, and is read from [http] headers_timeout_ms and CARPORT_HTTP_HEADERS_TIMEOUT_MS", () => {
    expect(loadConfig({}, cwd).http.headersTimeoutMs).toBe(limits.headersTimeoutMs);
    fs.writeFileSync(path.join(cwd, "carport.toml"), "[http]\nheaders_timeout_ms = 20000\n");
    expect(loadConfig({}, cwd).http.headersTimeoutMs).toBe(20_000);
    expect(loadConfig({ CARPORT_HTTP_HEADERS_TIMEOUT_MS: "5000" }, cwd).http.headersTimeoutMs).toBe(5000);
    for (const bad of ["0", "-1", "soon", String(limits.requestTimeoutMs + 1)])
      expect(() => loadConfig({ CARPORT_HTTP_HEADERS_TIMEOUT_MS: bad }, cwd)).toThrow(ConfigError);
    fs.writeFileSync(path.join(cwd, "carport.toml"), "[http]\nheaders_timeout_ms = 0\n");
    expect(() => loadConfig({}, cwd)).toThrow(ConfigError);
  });
});
