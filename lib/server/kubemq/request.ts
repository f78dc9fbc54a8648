import "server-only";
import { KubemqError } from "./errors";
import { maxItemBytes } from "@/lib/kubemq/limits";

/**
 * The aws-s3 target's request, `{"metadata": {"method", "bucket_name", "item_name",
 * "copy_source", "wait_for_completion"}, "data": <base64 or null>}`, checked field by field
 * with the target's own wording ("error parsing bucket_name, ...").
 */
export const kubemqMethods = [
  "list_buckets",
  "list_bucket_items",
  "create_bucket",
  "delete_bucket",
  "delete_item_from_bucket",
  "delete_all_items_from_bucket",
  "upload_item",
  "copy_item",
  "get_item",
] as const;
export type KubemqMethod = (typeof kubemqMethods)[number];

export interface KubemqRequest {
  method: KubemqMethod;
  bucketName: string;
  itemName: string;
  copySource: string;
  waitForCompletion: boolean;
  data: Buffer | null;
}

const needs: Record<KubemqMethod, readonly ("bucket_name" | "item_name" | "copy_source" | "data")[]> = {
  list_buckets: [],
  list_bucket_items: ["bucket_name"],
  create_bucket: ["bucket_name"],
  delete_bucket: ["bucket_name"],
  delete_item_from_bucket: ["bucket_name", "item_name"],
  delete_all_items_from_bucket: ["bucket_name"],
  upload_item: ["bucket_name", "item_name", "data"],
  copy_item: ["bucket_name", "item_name", "copy_source"],
  get_item: ["bucket_name", "item_name"],
};

const bad = (message: string) => new KubemqError("BadRequest", message);

function isKubemqMethod(value: string): value is KubemqMethod {
  return (kubemqMethods as readonly string[]).includes(value);
}

function readMetadata(raw: unknown): Record<string, string> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw bad("error parsing metadata, expected an object of strings");
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== "string") throw bad(`error parsing ${key}, expected a string`);
    metadata[key] = value;
  }
  return metadata;
}

/** Go's base64.StdEncoding, as the target decodes `data`: padded, no whitespace. */
function readData(raw: unknown): Buffer | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== "string") throw bad("error parsing data, expected base64 text or null");
  if (raw.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(raw)) throw bad("error parsing data, not valid base64");
  const bytes = Buffer.from(raw, "base64");
  if (bytes.length > maxItemBytes)
    throw bad(`error parsing data, the item is larger than the ${maxItemBytes / 1024 / 1024} MiB a request carries`);
  return bytes;
}

function readWait(value: string | undefined): boolean {
  if (value === undefined || value === "" || value === "false") return false;
  if (value === "true") return true;
  throw bad('error parsing wait_for_completion, expected "true" or "false"');
}

export function parseKubemqRequest(body: unknown): KubemqRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw bad('the request must be a JSON object: {"metadata": {...}, "data": ...}');
  const envelope = body as Record<string, unknown>;
  const metadata = readMetadata(envelope.metadata);
  const method = metadata.method;
  if (!method) throw bad("error parsing method, the value is missing");
  if (!isKubemqMethod(method))
    throw bad(`invalid method "${method}": the valid methods are ${kubemqMethods.join(", ")}`);
  const data = readData(envelope.data);
  for (const field of needs[method]) {
    const missing = field === "data" ? data === null : !metadata[field];
    if (missing) throw bad(`error parsing ${field}, the value is missing (${method} needs it)`);
  }
  return {
    method,
    bucketName: metadata.bucket_name ?? "",
    itemName: metadata.item_name ?? "",
    copySource: metadata.copy_source ?? "",
    waitForCompletion: readWait(metadata.wait_for_completion),
    data,
  };
}
