import type http from "node:http";
import type { ConditionLookup } from "../../engine/access/conditions";

/**
 * The facts of a request that bucket policies can test (IAM's global keys and
 * S3's own), read from the request only when a condition asks for them.
 */

export interface RequestFacts {
  accessKeyId: string | null;
  sourceIp: string;
  secureTransport: boolean;
  authType: "REST-HEADER" | "REST-QUERY-STRING" | "POST" | null;
  /** A request header (or, for POST uploads, the form field of that name). */
  header(name: string): string | undefined;
  query(name: string): string | undefined;
  /** The existing object's tags, when the operation targets one that has them. */
  existingObjectTags(): Record<string, string> | undefined;
}

/** The client's address and whether it came over TLS (told by a trusted proxy, since the engine speaks HTTP). */
export function transportOf(
  req: http.IncomingMessage,
  trustForwardedHeaders: boolean,
): { sourceIp: string; secureTransport: boolean } {
  const socketIp = req.socket.remoteAddress ?? "";
  if (!trustForwardedHeaders) return { sourceIp: socketIp, secureTransport: false };
  const forwardedFor = String(req.headers["x-forwarded-for"] ?? "")
    .split(",")[0]
    ?.trim();
  const proto = String(req.headers["x-forwarded-proto"] ?? "")
    .split(",")[0]
    ?.trim()
    .toLowerCase();
  return { sourceIp: forwardedFor || socketIp, secureTransport: proto === "https" };
}

/** Headers a condition may name as `s3:<header>`. */
const headerKeys = new Set([
  "x-amz-acl",
  "x-amz-grant-read",
  "x-amz-grant-write",
  "x-amz-grant-read-acp",
  "x-amz-grant-write-acp",
  "x-amz-grant-full-control",
  "x-amz-server-side-encryption",
  "x-amz-server-side-encryption-customer-algorithm",
  "x-amz-copy-source",
  "x-amz-metadata-directive",
  "x-amz-content-sha256",
  "x-amz-storage-class",
  "x-amz-object-ownership",
]);

const queryKeys = new Map([
  ["s3:prefix", "prefix"],
  ["s3:delimiter", "delimiter"],
  ["s3:max-keys", "max-keys"],
  ["s3:versionid", "versionId"],
]);

function single(value: string | undefined): readonly string[] | undefined {
  return value === undefined ? undefined : [value];
}

function requestTags(facts: RequestFacts): URLSearchParams | null {
  const tagging = facts.header("x-amz-tagging");
  return tagging === undefined ? null : new URLSearchParams(tagging);
}

function globalKey(key: string, facts: RequestFacts): readonly string[] | undefined {
  switch (key) {
    case "aws:sourceip":
      return single(facts.sourceIp || undefined);
    case "aws:securetransport":
      return [facts.secureTransport ? "true" : "false"];
    case "aws:referer":
      return single(facts.header("referer"));
    case "aws:useragent":
      return single(facts.header("user-agent"));
    case "aws:currenttime":
      return [new Date().toISOString()];
    case "aws:epochtime":
      return [String(Math.floor(Date.now() / 1000))];
    case "aws:principaltype":
      return [facts.accessKeyId === null ? "Anonymous" : "User"];
    case "aws:userid":
    case "aws:username":
      return single(facts.accessKeyId ?? undefined);
    default:
      return undefined;
  }
}

function s3Key(key: string, facts: RequestFacts): readonly string[] | undefined {
  const name = key.slice("s3:".length);
  if (headerKeys.has(name)) return single(facts.header(name));
  const queryName = queryKeys.get(key);
  if (queryName) return single(facts.query(queryName));
  if (key === "s3:signatureversion")
    return facts.authType && facts.authType !== "POST" ? ["AWS4-HMAC-SHA256"] : undefined;
  if (key === "s3:authtype") return single(facts.authType ?? undefined);
  if (key.startsWith("s3:existingobjecttag/")) {
    const tags = facts.existingObjectTags();
    const tagKey = Object.keys(tags ?? {}).find((name) => name.toLowerCase() === key.slice(21));
    return tagKey === undefined ? undefined : single(tags?.[tagKey]);
  }
  if (key.startsWith("s3:requestobjecttag/")) {
    const tags = requestTags(facts);
    const tagKey = [...(tags?.keys() ?? [])].find((name) => name.toLowerCase() === key.slice(20));
    return tagKey === undefined ? undefined : single(tags?.get(tagKey) ?? undefined);
  }
  if (key === "s3:requestobjecttagkeys") {
    const tags = requestTags(facts);
    return tags ? [...tags.keys()] : undefined;
  }
  return undefined;
}

export function conditionLookup(facts: RequestFacts): ConditionLookup {
  return (key) => (key.startsWith("s3:") ? s3Key(key, facts) : globalKey(key, facts));
}

/** Whether a policy may name this condition key (matched without regard to case). */
export function isKnownConditionKey(key: string): boolean {
  const lower = key.toLowerCase();
  if (/^s3:(existingobjecttag|requestobjecttag)\/.+/.test(lower)) return true;
  if (lower.startsWith("s3:")) {
    const name = lower.slice(3);
    return (
      headerKeys.has(name) ||
      queryKeys.has(lower) ||
      ["s3:signatureversion", "s3:authtype", "s3:requestobjecttagkeys"].includes(lower)
    );
  }
  return [
    "aws:sourceip",
    "aws:securetransport",
    "aws:referer",
    "aws:useragent",
    "aws:currenttime",
    "aws:epochtime",
    "aws:principaltype",
    "aws:userid",
    "aws:username",
  ].includes(lower);
}
