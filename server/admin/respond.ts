import type http from "node:http";
import { limits } from "../util/limits";
import { AdminError } from "./errors";

/** Response writers and the bounded JSON body reader of the admin listener. */

export const corsHeaders = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, PUT, DELETE, OPTIONS",
  "access-control-allow-headers": "authorization, content-type",
} as const;

/** Writes `body` as JSON (pretty, as Garage does); undefined writes an empty body. Returns the bytes sent. */
export function sendJson(res: http.ServerResponse, status: number, body: unknown): number {
  if (body === undefined) {
    res.writeHead(status, { ...corsHeaders, "content-length": "0" });
    res.end();
    return 0;
  }
  const bytes = Buffer.from(JSON.stringify(body, null, 2), "utf8");
  res.writeHead(status, { ...corsHeaders, "content-type": "application/json", "content-length": String(bytes.length) });
  res.end(bytes);
  return bytes.length;
}

export function sendText(
  res: http.ServerResponse,
  status: number,
  text: string,
  contentType = "text/plain; charset=utf-8",
): number {
  const bytes = Buffer.from(text, "utf8");
  res.writeHead(status, { ...corsHeaders, "content-type": contentType, "content-length": String(bytes.length) });
  res.end(bytes);
  return bytes.length;
}

/** Reads the whole body (at most maxJsonBodyBytes) and parses it (strict JSON unless told); undefined when empty. */
export async function readJsonBody(
  req: http.IncomingMessage,
  parse: (text: string) => unknown = JSON.parse,
): Promise<{ body: unknown; sizeBytes: number }> {
  const chunks: Buffer[] = [];
  let sizeBytes = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    sizeBytes += buffer.length;
    if (sizeBytes > limits.maxJsonBodyBytes) {
      throw new AdminError("PayloadTooLarge", `The request body is larger than ${limits.maxJsonBodyBytes} bytes.`);
    }
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return { body: undefined, sizeBytes };
  try {
    return { body: parse(text), sizeBytes };
  } catch {
    throw new AdminError("InvalidRequest", "The request body is not valid JSON.");
  }
}

export function queryRecord(url: URL): Record<string, string | undefined> {
  const query: Record<string, string | undefined> = {};
  for (const [name, value] of url.searchParams) query[name] = value;
  return query;
}
