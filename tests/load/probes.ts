import fs from "node:fs";
import net from "node:net";

/** What the load tests watch from outside the engine: its resident memory, and sockets that never finish a request. */

export function rssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS for ${pid}`);
  return Number(match[1]) * 1024;
}

/** Samples a process's RSS every `everyMs` until stopped; reports the peak. */
export function sampleRss(pid: number, everyMs = 100): { stop(): number } {
  let peak = rssBytes(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssBytes(pid));
    } catch {
      // The process may be gone at the very end.
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

export interface SlowSocketStats {
  opened: number;
  /** Closed by the server, each with how long it lived and whether it was answered 408. */
  closed: Array<{ livedMs: number; answered408: boolean }>;
  /** Still open when the pool stopped, with their ages. */
  openAgesMs: number[];
}

/**
 * Keeps `count` sockets open against `url` that never finish a request: half send
 * nothing, half drip a header line every `dripMs`. A socket the server closes is
 * replaced, so the pressure lasts until stop().
 */
export function slowSocketPool(url: string, count: number, dripMs = 1000): { stop(): SlowSocketStats } {
  const { hostname, port } = new URL(url);
  const stats: SlowSocketStats = { opened: 0, closed: [], openAgesMs: [] };
  const live = new Map<net.Socket, number>();
  let stopped = false;
  const open = (index: number) => {
    if (stopped) return;
    const socket = net.connect(Number(port), hostname);
    const openedMs = performance.now();
    stats.opened += 1;
    live.set(socket, openedMs);
    let answer = "";
    let drip: NodeJS.Timeout | null = null;
    socket.on("connect", () => {
      if (index % 2 === 0) return;
      socket.write("GET / HTTP/1.1\r\nHost: slow\r\n");
      drip = setInterval(() => socket.writable && socket.write(`X-Drip-${Date.now()}: x\r\n`), dripMs);
    });
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString("latin1")));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      if (drip) clearInterval(drip);
      live.delete(socket);
      if (stopped) return;
      stats.closed.push({ livedMs: performance.now() - openedMs, answered408: answer.startsWith("HTTP/1.1 408") });
      open(index);
    });
  };
  // Opened in waves, so the listen backlog is never the bottleneck.
  let next = 0;
  const opener = setInterval(() => {
    for (let wave = 0; wave < 100 && next < count; wave += 1) open((next += 1));
    if (next >= count) clearInterval(opener);
  }, 50);
  return {
    stop() {
      stopped = true;
      clearInterval(opener);
      const nowMs = performance.now();
      stats.openAgesMs = [...live.values()].map((openedMs) => nowMs - openedMs);
      for (const socket of live.keys()) socket.destroy();
      return stats;
    },
  };
}
